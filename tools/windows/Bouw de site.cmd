@echo off
rem meetlat: builds the website, the council report (PDF) and the MT report (Excel) from
rem content\ and data\ beside this file, then opens the website. On a problem the window
rem stays open, so the messages can be read.
setlocal
cd /d "%~dp0"
"%~dp0meetlat.exe" build
if errorlevel 1 goto probleem
start "" "%~dp0output\index.html"
exit /b 0

:probleem
echo.
echo Er ging iets mis. Hierboven staat wat er mis is, met het bestand, de regel en de kolom.
echo De vorige uitvoer in de map output is niet veranderd.
echo.
pause
exit /b 1
