# an Excel workbook saved under the export's .csv name: recognised by its first bytes, and the
# message says to rename it (a workbook named .xlsx is read as it is)
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" data/terugbelverzoeken.csv data/boek.xlsx
mv data/boek.xlsx data/terugbelverzoeken.csv
