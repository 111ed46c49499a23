import re,sys
# Prints one exec cycle of the load generator's worker thread from an `strace -f -tt` log, and the child's calls.
f=sys.argv[1]; n=int(sys.argv[2])
raw=open(f).read().splitlines()
pending={}; lines=[]
for l in raw:
    m=re.match(r'(\d+)\s+(\S+) (.*)$',l)   # strace pads short pids with spaces
    if not m: continue
    pid,ts,rest=m.groups()
    if rest.endswith('<unfinished ...>'):
        pending[pid]=(len(lines)); lines.append([pid,ts,rest[:-len('<unfinished ...>')].rstrip()]); continue
    m=re.match(r'<\.\.\. \w+ resumed>(.*)',rest)
    if m and pid in pending:
        idx=pending.pop(pid); lines[idx][2]+=m.group(1); continue
    lines.append([pid,ts,rest])
tid=next(p for p,t,r in lines if 'PR_SET_NAME, "tracebench-work"' in r)
idx=[i for i,(p,t,r) in enumerate(lines) if p==tid and re.match(r'(clone3?|vfork|fork)\(',r)]
c=idx[n]; child=re.search(r'= (\d+)$',lines[c][2]).group(1)
# A cycle starts right after the worker reaped the previous child (wait4 on the worker: the JDK-internals path) or
# at its first open of /dev/null (ProcessBuilder: the reaper thread waits, the worker opens /dev/null per child).
own_wait=any(p==tid and r.startswith('wait4(') for p,t,r in lines)
def starts(i):
    if own_wait: return i>0 and lines[i][0]==tid and any(lines[k][0]==tid and lines[k][2].startswith('wait4(') for k in [prev_worker(i)])
    return lines[i][0]==tid and '"/dev/null", O_RDONLY' in lines[i][2]
def prev_worker(i):
    k=i-1
    while k>=0 and lines[k][0]!=tid: k-=1
    return max(k,0)
start=max(i for i in range(c+1) if starts(i))
end=min(i for i in range(c+1,len(lines)) if starts(i))
def short(r): return r if len(r)<150 else r[:147]+'...'
print("worker thread (%s), one execute cycle:"%tid)
for p,t,r in lines[start:end]:
    if p==tid: print("  %s %s"%(t,short(r)))
print("child %s (runs of one call collapsed; the exec'd program's own start-up left out):"%child)
cl=[(t,r) for p,t,r in lines if p==child]
last_exec=max(i for i,(t,r) in enumerate(cl) if r.startswith('execve('))
out=[]; i=0
while i<len(cl):
    name=re.match(r'[\w-]+',cl[i][1]).group(0) if re.match(r'[\w-]+',cl[i][1]) else ''
    j=i
    while j<len(cl) and j<=last_exec and re.match(re.escape(name)+r'\(',cl[j][1]): j+=1
    if j-i>3:
        out.append("  %s %s\n  %s ... %d %s calls in all"%(cl[i][0],short(cl[i][1]),' '*15,j-i,name)); i=j; continue
    if i<=last_exec or cl[i][1].startswith('exit_group') or cl[i][1].startswith('+++'):
        out.append("  %s %s"%(cl[i][0],short(cl[i][1])))
    i+=1
print("\n".join(out))
