# a browser's copy of a download: suggested, and not named once more as a file nobody reads
mv data/terugbelverzoeken.csv "data/terugbelverzoeken (1).csv"
