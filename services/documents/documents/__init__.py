"""Documents: uploaded files and the PDF copies of invoices."""
