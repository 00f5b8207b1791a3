"""Reading what was built: differences by section, tracked changes, `build --check`."""
