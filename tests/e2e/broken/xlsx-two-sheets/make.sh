# two KPIs read one workbook, one names its sheet, the other does not: one file is read one way
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" data/terugbelverzoeken.csv data/terugbelverzoeken.xlsx --sheet Export
rm data/terugbelverzoeken.csv
