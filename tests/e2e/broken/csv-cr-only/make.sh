# line ends of an old Macintosh (CR only): messages still name the right line
sed -i '4s/29-3-2024 12:00/31-4-2024 12:00/' data/terugbelverzoeken.csv
tr '\n' '\r' <data/terugbelverzoeken.csv >data/cr.csv && mv data/cr.csv data/terugbelverzoeken.csv
