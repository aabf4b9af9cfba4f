"""Reading a customer table: files, encodings, cells, row numbers (method step 1)."""
