# Excel's "CSV" (Windows-1252): a new export gets the notice that it was converted
printf 's/Geheime Naam Een/Geheime Naam E\351n/\n' >cp.sed
sed -i -f cp.sed data/terugbelverzoeken.csv && rm cp.sed
