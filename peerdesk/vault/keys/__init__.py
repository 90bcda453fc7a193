"""The notebook's secrets: its data key and the two wrapped copies (the passphrase-protected
key file and the OS credential store), the buffers that hold keys and passphrases and are
overwritten when dropped, passphrase strength, and the process hardening that keeps them out
of core dumps and out of other processes' reach."""
