// inbox: behaviour of the inbox tool on every page.
