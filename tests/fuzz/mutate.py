#!/usr/bin/env python3
# Mutation fuzzing of meetlat's untrusted inputs: damage the fixture's CSV export and front
# matter (random bytes, structural tokens, cuts) and run the ASan/UBSan build on each. Any exit
# other than 0 or 1, or any sanitizer report, is a crash; the input is kept in build/crashes/.
# Usage: mutate.py BINARY SEED RUNS. Seeded, so a failure can be reproduced.
import os, random, shutil, subprocess, sys, tempfile
here = os.path.dirname(os.path.abspath(__file__))
top = os.path.normpath(os.path.join(here, '..', '..'))
bin_ = os.path.abspath(sys.argv[1])
random.seed(int(sys.argv[2]))
runs = int(sys.argv[3])
root = os.path.join(top, 'tests', 'e2e', 'fixture')
work = os.path.join(tempfile.mkdtemp(prefix='meetlat-fuzz-'), 'p')
keep = os.path.join(top, 'build', 'crashes')
crashes = 0
toks = [b'"', b';', b',', b'\n', b'\r', b'\xef\xbb\xbf', b'\xff', b'\x80', b'---\n', b':', b'{', b'[', b'- ', b'*a', b'&a', b'!!x', b'9' * 30, b'9' * 400,
        b'1' * 40, b'2024-02-30', b'\x00', b'\t', b'  ', b'2-3-2062', b'1-10-1924', b'31-12-2199', b'Totaal\xc2\xa0',
        b'T\xd0\xbetaal', b'\xe2\x80\x8b', b'\xe6\xbc\xa2', b'\xf0\x9f\x98\x80', b'\x1b[2J', b'7,5%']
for i in range(runs):
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root, work)
    os.symlink(os.path.join(top, 'themes'), work + '/themes')
    target = random.choice(['data/terugbelverzoeken.csv', 'content/10-terugbellen.md', 'content/01-programma.md'])
    p = os.path.join(work, target)
    b = bytearray(open(p, 'rb').read())
    for _ in range(random.randint(1, 8)):
        op = random.random()
        pos = random.randint(0, len(b))
        if op < 0.4:
            b[pos:pos] = random.choice(toks)
        elif op < 0.7 and len(b):
            del b[pos:pos + random.randint(1, 20)]
        elif len(b):
            b[min(pos, len(b) - 1)] = random.randint(0, 255)
    open(p, 'wb').write(bytes(b))
    r = subprocess.run([bin_, 'build', '-C', work, '-o', work + '/out'], capture_output=True, timeout=60)
    err = r.stderr.decode('utf-8', 'replace')
    if r.returncode not in (0, 1) or 'Sanitizer' in err or 'runtime error' in err:
        crashes += 1
        os.makedirs(keep, exist_ok=True)
        shutil.copy(p, os.path.join(keep, '%d-%s' % (i, os.path.basename(p))))
        print('CRASH', i, target, r.returncode, err[-600:])
shutil.rmtree(os.path.dirname(work), ignore_errors=True)
print('fuzz: %d passed, %d failed' % (runs - crashes, crashes))
sys.exit(1 if crashes else 0)
