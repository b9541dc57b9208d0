// lists: behaviour of the lists tool on every page.
