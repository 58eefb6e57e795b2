@echo off
rem Hydra Control launcher for Windows: no arguments opens the window; with arguments it is the command line.
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" --module-path "%APP_HOME%\lib\javafx" --add-modules javafx.controls,javafx.fxml ^
  --enable-native-access=javafx.graphics,ALL-UNNAMED -Dhydra.launcher.home="%APP_HOME%" -XX:+UseSerialGC -Xms128m -Xmx512m -Xmn96m -XX:SurvivorRatio=4 %HYDRA_JAVA_OPTS% ^
  -cp "%APP_HOME%\lib\*" dev.hydra.app.Main %*
