#!/usr/bin/env python3
# Hot methods of a JFR recording from a given wall-clock time on (the steady window, after the
# ramp): jfr print --events jdk.ExecutionSample --stack-depth 12 REC.jfr > samples.txt, then
# bench/jfr-hot.py samples.txt HH:MM:SS
import re,sys,collections
start=sys.argv[2]  # HH:MM:SS
top=collections.Counter(); incl=collections.Counter(); n=0
cur=None; frames=[]
for line in open(sys.argv[1]):
    line=line.rstrip()
    m=re.match(r'\s+startTime = (\d\d:\d\d:\d\d)',line)
    if m: cur=m.group(1); frames=[]; continue
    if line.startswith('    ') and not line.strip().startswith(('...',']')) and cur is not None:
        frames.append(re.sub(r'\(.*','',line.strip())); continue
    if line.strip()==']' and cur is not None:
        if cur>=start and frames:
            n+=1; top[frames[0]]+=1
            for f in set(frames):
                if any(k in f for k in ['dev.vigil','gson','ssl.','SSLSocket','housekeep','TrustStore','Cipher','GCM','intpoly']): incl[f]+=1
        cur=None
print("samples in steady window:",n)
print("-- top frames"); [print(f"{c*100/n:5.1f}% {f}") for f,c in top.most_common(22)]
print("-- inclusive (within 12 frames)"); [print(f"{c*100/n:5.1f}% {f}") for f,c in incl.most_common(25)]
