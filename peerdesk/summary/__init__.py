"""The summary for the manager: its model and wording, the attribution check, and its
PDF, DOCX and text forms with the register of copies. Stands on the earlier stages."""
