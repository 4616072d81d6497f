"""The book's asset folders, named once: pages link into them, the build fills them."""

GRAFIK = "_grafik"  # charts the pages draw (PNG/SVG), beside the pages in the book
UNDUH = "_unduh"  # each table's data as CSV and Excel, for the site's download links
