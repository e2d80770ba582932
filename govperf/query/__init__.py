"""What analysts ask of the public views: metric lookup, comparison, series, aliases, export."""
