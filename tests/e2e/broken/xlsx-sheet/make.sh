# 'blad' names a sheet the workbook does not have
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" data/terugbelverzoeken.csv data/terugbelverzoeken.xlsx --sheet Export --first-sheet Uitleg
rm data/terugbelverzoeken.csv
