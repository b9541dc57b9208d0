// ui: behaviour of the ui tool on every page.
