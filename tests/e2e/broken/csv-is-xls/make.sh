# an old Excel file (.xls, an OLE compound file) under the .csv name
{ printf '\320\317\021\340\241\261\032\341'; head -c 4088 /dev/zero; } >data/terugbelverzoeken.csv
