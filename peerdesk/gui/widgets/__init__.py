"""The Qt base every screen stands on: the context passed down, the message bar,
colours, headings, background work and file choosers."""
