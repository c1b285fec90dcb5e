# the export named in other capitals than 'bron' says: read, with a notice
mv data/terugbelverzoeken.csv data/Terugbelverzoeken.CSV
