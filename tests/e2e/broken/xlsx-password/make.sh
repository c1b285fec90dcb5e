# a workbook with a password: Excel writes it as an OLE compound file with an EncryptedPackage
rm data/terugbelverzoeken.csv
{ printf '\320\317\021\340\241\261\032\341'; head -c 1016 /dev/zero
  printf 'E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'; head -c 3040 /dev/zero; } >data/terugbelverzoeken.xlsx
