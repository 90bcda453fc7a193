"""The window and its frame: the application, the main window, the engagement list and
page, the overview, and the dialogs around opening a notebook."""
