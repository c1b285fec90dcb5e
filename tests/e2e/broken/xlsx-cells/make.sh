# a workbook with a title, on its second sheet: a text that is no date, a formula Excel never
# calculated, a number without a date format, a group named Totaal, a date before its start;
# messages name the sheet and the cell, and quote no personal column
/usr/bin/python3 "$ROOT/tests/e2e/csv2xlsx.py" data/terugbelverzoeken.csv data/terugbelverzoeken.xlsx --sheet Export --title "Export" --first-sheet Uitleg
rm data/terugbelverzoeken.csv
/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("data/terugbelverzoeken.xlsx")
ws = wb["Export"]
ws["F6"] = "=C6+1"   # row 3 of the data: no calculated value
ws["C8"] = 45412     # row 5: a date without a date format
ws["C8"].number_format = "General"
wb.save("data/terugbelverzoeken.xlsx")
PY
