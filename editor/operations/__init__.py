"""Every user action, once: the window and the command line both call these functions."""
