"""Screens for the end: the retention panel, the destruction wizard and its
progress, the certificate and the email to the manager."""
