/* main.c - the command line only: parse arguments, run, exit. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/platform.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

static void usage(FILE *f)
{
	fputs("Gebruik:\n"
	      "  meetlat build [-C MAP] [-o MAP] [--peildatum JJJJ-MM-DD] [--publiceer [--correctie]]\n"
	      "  meetlat check [-C MAP] [--peildatum JJJJ-MM-DD]\n"
	      "  meetlat --help | --version\n"
	      "\n"
	      "build   leest content/ en data/ en maakt de website, de raadsrapportage (PDF)\n"
	      "        en de MT-rapportage (Excel) in output/. Bij een fout blijft output/\n"
	      "        zoals het was.\n"
	      "check   controleert alleen en noemt elke fout met bestand, regel en kolom.\n"
	      "\n"
	      "  -C MAP                 de projectmap met content/, data/ en themes/ (standaard: .)\n"
	      "  -o MAP                 de uitvoermap (standaard: MAP/output)\n"
	      "  --peildatum JJJJ-MM-DD de datum waarop de stand wordt bepaald (standaard: uit de\n"
	      "                         inhoud, anders de laatste datum in de gegevens)\n"
	      "  --publiceer            bewaar daarna wat er is gemaakt als editie in MAP/edities/;\n"
	      "                         de volgende keer ziet u wat er sindsdien is veranderd\n"
	      "  --correctie            publiceer als correctie van de editie met dezelfde\n"
	      "                         peildatum; die blijft bewaard, de correctie komt ernaast\n"
	      "  -q                     toon geen meldingen 'let op'\n"
	      "\n"
	      "Uitkomst: 0 gelukt, 1 fouten in de invoer, 2 verkeerd gebruik.\n",
	      f);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"peildatum", required_argument, NULL, 'p'},
		{"publiceer", no_argument, NULL, 'P'},
		{"correctie", no_argument, NULL, 'K'},
		{NULL, 0, NULL, 0},
	};
	plat_init(&argc, &argv);
	build_opts bo = {".", NULL, DAY_NONE, 0, 0, 0};
	diag_t d;
	diag_init(&d, stderr);
	const char *cmd = NULL;
	if (argc > 1 && argv[1][0] != '-') {
		cmd = argv[1];
		argv++;
		argc--;
	}
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":C:o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("meetlat %s\n", VERSION);
			return 0;
		case 'C':
		case 'o':
			if (!*optarg) {
				fprintf(stderr, "meetlat: fout: -%c heeft de naam van een map nodig, niet een lege tekst\n", c);
				return 2;
			}
			if (c == 'C')
				bo.dir = optarg;
			else
				bo.out = optarg;
			break;
		case 'q':
			d.quiet = 1;
			break;
		case 'P':
			bo.publish = 1;
			break;
		case 'K':
			bo.publish = bo.correct = 1;
			break;
		case 'p':
			if (date_parse(optarg, strlen(optarg), &bo.peildatum) != 0) {
				fprintf(stderr, "meetlat: fout: --peildatum '%s' is geen datum (schrijf 2025-12-31)\n", optarg);
				return 2;
			}
			break;
		case ':':
			fprintf(stderr, "meetlat: fout: optie %s heeft een waarde nodig\n", argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "meetlat: fout: onbekende optie '%s'\n", argv[optind - 1]);
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "meetlat: fout: onverwacht argument '%s'\n", argv[optind]);
		return 2;
	}
	if (!cmd) {
		fputs("meetlat: fout: geef een opdracht: build of check\n", stderr);
		usage(stderr);
		return 2;
	}
	if (!strcmp(cmd, "check")) {
		if (bo.out || bo.publish) {
			fprintf(stderr, "meetlat: fout: %s hoort bij build, niet bij check\n",
			        bo.out ? "-o" : bo.correct ? "--correctie" : "--publiceer");
			return 2;
		}
		bo.check_only = 1;
	} else if (strcmp(cmd, "build") != 0) {
		fprintf(stderr, "meetlat: fout: onbekende opdracht '%s'; kies build of check\n", cmd);
		return 2;
	}
	return build_run(&bo, &d);
}
