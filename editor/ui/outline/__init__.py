"""The outline tree: its model, the filter over it, the view and the panel holding both."""
