"""Loading: files → parsed documents → rows in the database, one transaction per document."""
