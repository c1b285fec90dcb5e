# saved as text with another extension: suggested, with what to do
mv data/terugbelverzoeken.csv data/terugbelverzoeken.txt
