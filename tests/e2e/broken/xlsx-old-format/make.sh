# an .xls (Excel 97-2003, an OLE compound file) in place of the export
rm data/terugbelverzoeken.csv
{ printf '\320\317\021\340\241\261\032\341'; head -c 4088 /dev/zero; } >data/terugbelverzoeken.xls
