// search: behaviour of the search tool on every page.
