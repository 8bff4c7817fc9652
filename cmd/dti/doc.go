/*
Dti evaluates the digital transformation of Vietnamese wards and communes
(phường, xã): it scores ward submissions against a criteria framework,
ranks and classifies the wards, and writes the results.

Usage:

	dti <command> [flags] [arguments]

Commands:

	score       score and rank submissions; write results.json, results.csv,
	            report.xlsx and report.pdf as one set
	explain     show the full computation for one unit
	validate    check submissions and list every problem with its location
	template    write the Excel form wards fill in
	framework   list, show, export and check criteria frameworks

Run "dti <command> -h" for the flags of a command. Messages are in
Vietnamese; --lang en switches them to English.

Exit codes: 0 success, 1 failure (invalid input, rejected submissions with
--strict), 2 usage error.
*/
package main
