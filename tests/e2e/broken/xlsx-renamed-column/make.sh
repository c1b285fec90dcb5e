# a renamed column in a workbook with a title above the header: the header's names are shown
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" data/terugbelverzoeken.csv data/terugbelverzoeken.xlsx --title "Terugbelverzoeken"
rm data/terugbelverzoeken.csv
