"""``raport serve``: the page in the browser (years, uploads, problems, build, downloads)."""
