"""The main window and everything an analyst clicks: outline tree, reading pane, inspector, dialogs."""
