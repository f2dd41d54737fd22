#!/bin/sh
# quick.sh ID: compact review (index role anchor | heading | last 2 ancestors) of links
# not already in header/nav/footer blocks, plus a summary of those blocks.
python3 "$(dirname "$0")/linklist.py" label "$1" 2>/dev/null > /tmp/review_$1.txt
awk -F' \\| ' '$1 !~ /^(nav |foot)/ {n=split($4,c," > "); split($1,x," "); printf "%s %s %s | %s | %s | %s > %s\n", x[1], x[2], substr(x[3],1,70), substr($2,1,45), substr($3,1,22), c[n-1], c[n]}' /tmp/review_$1.txt | cut -c1-250
echo "--- nav/footer blocks:"
grep -E '^(nav |foot)' /tmp/review_$1.txt | awk -F' \\| ' '{n=split($4,a," > "); print substr($1,1,4), a[1]" > "a[2]}' | sort | uniq -c | sort -rn | head -12 | cut -c1-160
