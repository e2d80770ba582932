"""Loading: files → parsed documents → rows in the database, in batches of whole documents."""
