#!/bin/sh
# Review aid: the page's links with the role they received, content links in
# full, header/footer ones summarised by their closest blocks.
python3 "$(dirname "$0")/linklist.py" label "$1" 2>/dev/null > /tmp/review_$1.txt
grep -vE '^(nav |foot)' /tmp/review_$1.txt | cut -c1-260
echo "--- nav/footer blocks:"
grep -E '^(nav |foot)' /tmp/review_$1.txt | awk -F' \\| ' '{n=split($4,a," > "); print substr($1,1,4), a[1]" > "a[2]}' | sort | uniq -c | sort -rn | head -15
