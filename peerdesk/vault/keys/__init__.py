"""The notebook's data key and its two wrapped copies: the passphrase-protected key file and
the OS credential store."""
