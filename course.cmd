@echo off
rem Runs the `course` command-line tool from this checkout (Windows). Usage: course --help
dotnet run --project "%~dp0src\Course.Cli\Course.Cli.csproj" -c Release --no-launch-profile -- %*
