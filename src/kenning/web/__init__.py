"""The web UI: server-rendered pages (Jinja2) that read the same services as the API; htmx enhances."""
