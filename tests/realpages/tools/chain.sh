#!/bin/sh
# chain.sh ID FROM TO: anchor text and the last 4 ancestors of links FROM..TO
python3 "$(dirname "$0")/linklist.py" list "$1" | awk -v a="$2" -v b="$3" -F' \\| ' '{split($1,x," "); if (x[1]>=a && x[1]<=b) {n=split($6,c," > "); print x[1], substr($2,1,50), "|", substr($3,1,30), "|", c[n-3]" > "c[n-2]" > "c[n-1]" > "c[n]}}' | cut -c1-330
