"""The web service: app factory, routes, login and the request gate, the printed report, serving."""
