"""Source readers: a disclosure file (text or PDF) cut into raw blocks with file and page/line."""
