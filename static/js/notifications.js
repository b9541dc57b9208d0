// notifications: behaviour of the notifications tool on every page.
