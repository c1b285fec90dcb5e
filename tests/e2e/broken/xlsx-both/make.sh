# the export both as CSV and as a workbook: which one counts is not clear
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" data/terugbelverzoeken.csv data/terugbelverzoeken.xlsx
