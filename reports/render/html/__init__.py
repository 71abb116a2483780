"""The HTML renderer (Jinja2): the HTML WeasyPrint lays out, and the HTML edition."""
