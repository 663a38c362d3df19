import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as _}from"./chunk-X7VBP2PP.js";import{a as ye,b as we,c as xe,d as Ce}from"./chunk-HNUTD74I.js";import{a as $e}from"./chunk-R2OO3ESZ.js";import{a as pe,b as fe}from"./chunk-MVCL27SF.js";import{b as H}from"./chunk-7KW2QMDP.js";import{a as G}from"./chunk-RKTR3DBG.js";import{a as $,b as S}from"./chunk-EMZLJOSN.js";import{A,B as O,o as he,w as ge,y as g,z as P}from"./chunk-SOMT7HN5.js";import{b as h}from"./chunk-W3VFZEWQ.js";import{b as I,c as ce,d as de,f as F,g as B,v as me}from"./chunk-LFNZX7XH.js";import{b as ae}from"./chunk-AAY3UDGA.js";import{a as le,b as ue,c as b}from"./chunk-H3E5YAKJ.js";import{b as x,d as ee,e as C,f as te,g as l,i as ne,j as oe,l as se,n as re,o as v}from"./chunk-3G7MVORB.js";import{c as D,e as ie}from"./chunk-E366NUIH.js";import"./chunk-AQ2PF7HZ.js";import"./chunk-Y26TMQN6.js";import"./chunk-KACEDX5G.js";import"./chunk-4F7ADDFU.js";import"./chunk-X6A3EWTY.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import{a as s}from"./chunk-MZGHBXLJ.js";import{join as Ct}from"node:path";var N=class extends P(A,O,"DescribeSubnets",he){static{s(this,"DescribeSubnetsCommand")}};var E=class extends P(A,O,"RunInstances",ge){static{s(this,"RunInstancesCommand")}};var Ie="test-instance",U;function W(e){U=e,ne(Ie,JSON.stringify(e))}s(W,"saveInstance");function be(){let e=oe(Ie);return e?JSON.parse(e):void 0}s(be,"readSavedInstance");async function Ve(e){let{Subnets:t}=await h(g,e).send(new N({Filters:[{Name:"default-for-az",Values:["true"]}]})),o=[...t??[]].sort((i,n)=>(i.AvailabilityZone??"").localeCompare(n.AvailabilityZone??""))[0];if(!o?.SubnetId)throw new Error(`${e} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);return o.SubnetId}s(Ve,"defaultSubnet");function Je(e){if(e)return e.startsWith("arn:")?{Arn:e}:{Name:e}}s(Je,"profileReference");async function ke(e,t){let o=fe(t,["test",e.region,e.amiId,process.env.GITHUB_ACTION??""]);W({region:e.region,clientToken:o});let i=e.subnetId??await Ve(e.region),n={Name:`ami-action test ${e.amiId}`,[$.runId]:ae(t),[$.purpose]:"test"},{Instances:a}=await h(g,e.region).send(new E({ClientToken:o,ImageId:e.amiId,InstanceType:e.instanceType,MinCount:1,MaxCount:1,IamInstanceProfile:Je(e.instanceProfile),MetadataOptions:{HttpTokens:"required",HttpEndpoint:"enabled",HttpPutResponseHopLimit:2},NetworkInterfaces:[{DeviceIndex:0,SubnetId:i,Groups:e.securityGroupIds.length?e.securityGroupIds:void 0,AssociatePublicIpAddress:e.associatePublicIp,DeleteOnTermination:!0}],InstanceInitiatedShutdownBehavior:"terminate",TagSpecifications:[{ResourceType:"instance",Tags:S(n)},{ResourceType:"volume",Tags:S(n)}]})),r=a?.[0];if(!r?.InstanceId)throw new Error("RunInstances returned no instance.");W({region:e.region,clientToken:o,instanceId:r.InstanceId});let c=r.State?.Name;if(c==="shutting-down"||c==="terminated")throw new Error(`This attempt already launched ${r.InstanceId} (same client token) and it is ${c}; re-run the job to start a new attempt.`);return r}s(ke,"launchInstance");async function Re(e,t){try{let{Reservations:o}=await h(g,e).send(new G({InstanceIds:[t]}));return o?.[0]?.Instances?.[0]}catch(o){if(D(o))return;throw o}}s(Re,"describeInstance");function Se(e,t,o){return H({what:`${t} to be running`,...o,check:s(async()=>{let i=await Re(e,t),n=i?.State?.Name??"not visible yet";if(n==="running")return{done:!0,value:i};if(n==="shutting-down"||n==="terminated"||n==="stopped"){let a=i?.StateReason?.Message??i?.StateTransitionReason??"";throw new Error(`${t} is ${n} before it ever ran${a?`: ${a}`:""}.`)}return{done:!1,status:n}},"check")})}s(Se,"waitUntilRunning");async function Z(e,t,o){let i=h(g,e);try{await i.send(new _({InstanceIds:[t]}))}catch(n){if(D(n))return;throw n}l(`Terminating ${t}.`),await H({what:`${t} to shut down`,timeoutSeconds:300,pollIntervalSeconds:o,signal:new AbortController().signal,check:s(async()=>{let n=(await Re(e,t))?.State?.Name??"terminated";return n==="shutting-down"||n==="terminated"?{done:!0,value:n}:{done:!1,status:n}},"check")})}s(Z,"terminateInstance");function V(e){U&&W({...U,settled:e})}s(V,"markSettled");async function Te(e,t){let{Reservations:o}=await h(g,e).send(new G({Filters:[{Name:"client-token",Values:[t]}]}));return(o??[]).flatMap(i=>(i.Instances??[]).map(n=>n.InstanceId??"")).filter(Boolean)}s(Te,"instancesByToken");import{createHash as ot}from"node:crypto";import{existsSync as it,readFileSync as st,statSync as rt}from"node:fs";import{isAbsolute as at,resolve as ct}from"node:path";import{readFileSync as Ke}from"node:fs";import{basename as Qe,extname as Ye,isAbsolute as qe,resolve as et}from"node:path";var ve={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
current=""
if [ -f "$R/var/lib/cloud/data/instance-id" ]; then
  current=$(cat "$R/var/lib/cloud/data/instance-id")
elif [ -L "$R/var/lib/cloud/instance" ]; then
  current=$(basename "$(readlink "$R/var/lib/cloud/instance")")
fi
found=0
for dir in "$R"/var/lib/cloud/instances/*; do
  [ -e "$dir" ] || continue
  if [ "$(basename "$dir")" != "$current" ]; then
    echo "data of another instance left in $dir (this instance: $current)"
    found=1
  fi
done
if [ "$found" = 0 ]; then echo "only this instance's cloud-init data ($current)"; fi
exit "$found"`};var Pe={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
allowed=" $(echo "$AMI_ACTION_ALLOWED_PORTS" | tr ',' ' ') "
listening=$(
  for table in "$R/proc/net/tcp" "$R/proc/net/tcp6"; do
    [ -f "$table" ] && awk 'NR > 1 && $4 == "0A" { split($2, local, ":"); print local[1], local[2] }' "$table"
  done
)
seen=" "
bad=0
while read -r address hexport; do
  [ -n "$hexport" ] || continue
  case "$address" in
    ??????7F|00000000000000000000000001000000|0000000000000000FFFF0000??????7F) continue ;;
  esac
  port=$(printf '%d' "0x$hexport")
  case "$seen" in *" $port "*) continue ;; esac
  seen="$seen$port "
  case "$allowed" in
    *" $port "*) echo "port $port listens (allowed)" ;;
    *) echo "port $port listens but is not in allowed-ports ($AMI_ACTION_ALLOWED_PORTS)"; bad=1 ;;
  esac
done <<PORTS
$listening
PORTS
if [ "$seen" = " " ]; then echo "no TCP port listens beyond loopback"; fi
exit "$bad"`};var Ae=`R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,Oe={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${Ae}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`},_e={name:"ssm-agent-running",description:"The SSM agent is installed and running",severity:"error",expectExitCode:0,script:`${Ae}
binary=""
for path in "$R"/usr/bin/amazon-ssm-agent "$R"/usr/local/bin/amazon-ssm-agent "$R"/snap/amazon-ssm-agent/current/amazon-ssm-agent; do
  if [ -x "$path" ]; then binary=$path; break; fi
done
if [ -z "$binary" ]; then
  echo "amazon-ssm-agent is not installed"
  exit 1
fi
for name in $running; do
  case "$name" in
    amazon-ssm-agen*) echo "amazon-ssm-agent is installed ($binary) and running"; exit 0 ;;
  esac
done
echo "amazon-ssm-agent is installed ($binary) but not running"
exit 1`};var Ne={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for name in .bash_history .zsh_history .sh_history .ash_history .python_history .mysql_history .psql_history .lesshst .viminfo; do
    if [ -s "$home/$name" ]; then
      echo "history left in $home/$name"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no history files under /root or /home"; fi
exit "$found"`};var Ee={name:"no-ssh-authorized-keys",description:"No SSH authorized_keys left from the bake under /root or /home",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for file in "$home"/.ssh/authorized_keys "$home"/.ssh/authorized_keys2; do
    if [ -f "$file" ] && grep -qvE '^[[:space:]]*(#|$)' "$file"; then
      echo "keys left in $file"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no authorized_keys with keys under /root or /home"; fi
exit "$found"`};function je(e){return`R=$AMI_ACTION_ROOT
conf="$R/etc/ssh/sshd_config"
if [ ! -f "$conf" ]; then
  echo "sshd is not installed (no /etc/ssh/sshd_config)"
  exit 0
fi
value=$(
  {
    if grep -qiE '^[[:space:]]*Include[[:space:]]' "$conf"; then
      for drop in "$R"/etc/ssh/sshd_config.d/*.conf; do
        [ -f "$drop" ] && { echo "#ami-action-next-file"; cat "$drop"; }
      done
    fi
    echo "#ami-action-next-file"
    cat "$conf"
  } | awk '
    /^#ami-action-next-file/ { inMatch = 0; next }
    { sub(/^[[:space:]]+/, ""); n = split($0, word, /[[:space:]=]+/) }
    n == 0 || word[1] ~ /^#/ { next }
    tolower(word[1]) == "match" { inMatch = 1; next }
    !inMatch && tolower(word[1]) == "${e.toLowerCase()}" { print tolower(word[2]); exit }
  '
)`}s(je,"sshdValue");var Le={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${je("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},ze={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${je("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var Me={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var De={name:"baseline",platforms:["Linux"],imageChecks:!0,checks:[Ee,Ne,ve,Le,ze,Me,Oe,_e,Pe]};var j={baseline:De},Fe=I().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/,"letters, digits, space and . _ : / -"),tt=F({id:Fe.optional(),name:Fe.optional(),description:I().optional(),command:I().min(1),"expect-exit-code":ce().int().min(0).max(255).default(0),"expect-output":I().refine(e=>{try{return new RegExp(e),!0}catch{return!1}},"a valid regular expression").optional(),severity:B(["error","warning"]).default("error")}).refine(e=>(e.id??e.name)!==void 0&&!(e.id&&e.name),{message:"give each check an id (or a name), not both"}),nt=F({name:I().optional(),platform:B(["Linux","Windows"]).optional(),checks:de(tt).min(1)});async function Be(e,t){let o=j[e];if(o)return o;let i=qe(e)?e:et(t,e),n;try{n=Ke(i,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(j).join(", ")}) nor a readable file (looked for ${i}).`)}let{parseYaml:a}=await import("./yaml-RPUL3DN6.js"),r=nt.safeParse(a(n));if(!r.success){let d=r.error.issues.map(u=>`${u.path.join(".")||"(top)"}: ${u.message}`);throw new Error(`Compliance profile ${e} is not valid:
${d.join(`
`)}`)}let c=r.data.checks.map(d=>d.id??d.name),m=c.find((d,u)=>c.indexOf(d)!==u);if(m)throw new Error(`Compliance profile ${e} names the check "${m}" twice.`);return{name:r.data.name??Qe(e,Ye(e)),platforms:r.data.platform?[r.data.platform]:["Linux","Windows"],checks:r.data.checks.map(d=>({name:d.id??d.name,description:d.description,severity:d.severity,script:d.command,expectExitCode:d["expect-exit-code"],expectOutput:d["expect-output"]}))}}s(Be,"loadProfile");function dt(e,t,o="Linux"){let i=at(e)?e:ct(t,e),n=!/\s/.test(e)&&it(i)&&rt(i).isFile(),a=n?st(i,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:n&&o==="Linux"?mt(a):a}}s(dt,"smokeCheck");function mt(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let t=`AMI_ACTION_SCRIPT_${ot("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${t}'`,e.replace(/\n?$/,""),t,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}s(mt,"withInterpreter");async function He(e,t,o){let i=e.smoke.map(r=>({suite:"smoke",check:dt(r,o,t)})),n=await Promise.all(e.compliance.map(r=>Be(r,o))),a=[];for(let r of n){if(!r.platforms.includes(t)){a.push(`${r.name} (written for ${r.platforms.join(", ")}; this AMI is ${t})`);continue}for(let c of r.checks){let m=r===j.baseline?`export AMI_ACTION_ALLOWED_PORTS='${e.allowedPorts.join(" ")}'
${c.script}`:c.script;i.push({suite:"compliance",profile:r.name,check:{...c,script:m}})}}return{checks:i,profiles:n,skipped:a}}s(He,"planChecks");import{mkdirSync as ht,writeFileSync as gt}from"node:fs";import{join as $t}from"node:path";function k(e){return!e.passed&&e.severity==="error"}s(k,"isFailure");function J(e){let t=e.filter(k).length,o=e.filter(i=>!i.passed&&i.severity==="warning").length;return{passed:e.length-t,failed:t,warnings:o}}s(J,"countResults");function T(e){return e.profile?`${e.suite}/${e.profile}`:e.suite}s(T,"suiteName");var pt=/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g,lt=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;function L(e){return e.replace(pt,"")}s(L,"stripAnsi");function f(e){return L(e).replace(lt,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}s(f,"escapeXml");function ut(e){let t=[e.stdout,e.stderr?`--- stderr ---
${e.stderr}`:""];return e.truncated&&t.push("--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---"),t.filter(Boolean).join(`
`)}s(ut,"output");function ft(e,t){let o=`name="${f(e.name)}" classname="${f(t)}" time="${e.seconds.toFixed(3)}"`,i=[],n=!e.passed&&e.severity==="warning";if(!e.passed&&!n){let r=e.message??"failed";i.push(`      <failure message="${f(r)}" type="${e.suite}">${f([r,e.exitCode===void 0?"":`exit code ${e.exitCode}`].filter(Boolean).join(`
`))}</failure>`)}let a=[n?`warning: ${e.message??"failed"}`:"",ut(e)].filter(Boolean).join(`
`);return a&&i.push(`      <system-out>${f(a)}</system-out>`),i.length?`    <testcase ${o}>
${i.join(`
`)}
    </testcase>`:`    <testcase ${o}/>`}s(ft,"testcase");function Ge(e,t,o){let i=new Map;for(let c of e){let m=T(c);i.set(m,[...i.get(m)??[],c])}let n=s(c=>c.reduce((m,d)=>m+d.seconds,0).toFixed(3),"total"),a=s(c=>c.filter(k).length,"failures"),r=['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites name="${f(t)}" tests="${e.length}" failures="${a(e)}" errors="0" time="${n(e)}">`];for(let[c,m]of i)r.push(`  <testsuite name="${f(c)}" tests="${m.length}" failures="${a(m)}" errors="0" skipped="0" time="${n(m)}" timestamp="${o.toISOString()}">`,...m.map(d=>ft(d,`${t}.${c}`)),"  </testsuite>");return r.push("</testsuites>",""),r.join(`
`)}s(Ge,"junitXml");var Ue=160;function yt(e){let t=L(e.passed?e.stdout:[e.message,e.stderr||e.stdout].filter(Boolean).join(" ")).replace(/\s+/g," ").trim(),o=t.length>Ue?`${t.slice(0,Ue)}\u2026`:t;return f(`${o}${e.truncated?" (output truncated by SSM)":""}`)}s(yt,"excerpt");function wt(e,t,o){let{passed:i,failed:n,warnings:a}=J(t);le(`Test of ${e}: ${n?"failed":"passed"} (${i} passed, ${n} failed${a?`, ${a} with a warning`:""})`,["check","result","exit code","duration","excerpt"],t.map(r=>[f(`${T(r)}: ${r.name}`),r.passed?"\u2705 passed":r.severity==="warning"?"\u26A0\uFE0F warning":"\u274C failed",r.exitCode??"\u2013",v(r.seconds),yt(r)||"\u2013"]));for(let r of o)ue(f(r))}s(wt,"summarizeResults");function xt(e){for(let t of e.filter(o=>!o.passed)){let o=L([t.stderr,t.stdout].filter(Boolean).join(`
`)).trim(),i=[t.message,t.description,o.slice(0,1e3)].filter(Boolean).join(`
`),n=`${T(t)}: ${t.name}`;t.severity==="warning"?C(i,{title:`Check warning: ${n}`}):ee(i,{title:`Check failed: ${n}`})}}s(xt,"annotateFailures");function We(e){let{passed:t,failed:o}=J(e.results);ht(e.reportDir,{recursive:!0});let i=$t(e.reportDir,`test-${e.amiId}-${process.pid}.xml`);gt(i,Ge(e.results,`ami-action test ${e.amiId}`,e.testedAt)),x("result",e.failed?"failed":"passed"),x("passed",String(t)),x("failed",String(o)),x("report",i),wt(e.amiId,e.results,[...e.notes,`JUnit report: ${i}`]),xt(e.results)}s(We,"reportResults");async function Xe(e,t,o,i){let n={[$.test]:o?"passed":"failed",[$.testedAt]:i.toISOString()};try{await h(g,e).send(new $e({Resources:[t],Tags:S(n)})),l(`Tagged ${t}: ${$.test}=${n[$.test]}, ${$.testedAt}=${n[$.testedAt]}.`)}catch(a){C(`Could not tag ${t} with the test result: ${await ie(a)}`)}}s(Xe,"tagResult");async function Jn(e,t){let i=Date.now()+e.timeout*1e3,n=e.region,{amiId:a,amis:r}=me(e);pe(n,r,Object.keys(e.amis??{}));let c=await b(`Inspect ${a}`,()=>we(n,a)),m=e.instanceType??xe(c),d=await He(e,c.platform,t.workspace);for(let p of d.skipped)C(`Compliance profile ${p}: skipped.`);let u=d.profiles.some(p=>p.imageChecks)?Ce(c.image):[];if(l(`${a}: ${c.platform} ${c.architecture}; launching ${m}, then ${d.checks.length} check(s) with ${ye(c.platform)}.`),e.dryRun){for(let p of u)l(`${p.passed?"passed":"FAILED"}: ${p.name}`);for(let{profile:p,check:R}of d.checks)l(`would run: ${p?`${p}/`:""}${R.name}`);l("dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.");return}e.instanceProfile||te("No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region."),re();let Ze=Date.now(),K=await b("Launch",()=>ke({region:n,amiId:a,instanceType:m,subnetId:e.subnetId,securityGroupIds:e.securityGroupIds,instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp},t)),y=K.InstanceId;x("instance-id",y),l(`Launched ${y} (${m}) in ${K.Placement?.AvailabilityZone??n}.`);let Q=s(()=>({timeoutSeconds:Math.max(1,(i-Date.now())/1e3),pollIntervalSeconds:e.pollInterval}),"timing"),w;try{let{waitUntilOnline:p,runChecks:R}=await import("./ssm-YTRRV5OT.js");await b("Wait for SSM",async()=>{await Se(n,y,Q()),await p({region:n,instanceId:y,instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp,...Q()})});let q=Math.round((Date.now()-Ze)/1e3);x("boot-seconds",String(q)),l(`${y} is Online in SSM ${v(q)} after launch.`),u.push(...await b("Run checks",()=>R(d.checks,{region:n,instanceId:y,platform:c.platform,executionTimeoutSeconds:e.commandTimeout,pollIntervalSeconds:e.pollInterval,deadline:i})))}catch(p){w=p}let z=w!==void 0||u.some(k);if(w instanceof se)throw await bt(n,y),w;await b("Clean up",()=>It(e,n,y,z));let Y=new Date;if(We({amiId:a,results:u,failed:z,testedAt:Y,reportDir:Ct(t.tempDir,"ami-action"),notes:[`Instance ${y} (${m}).`,...w?[`The test did not finish: ${w.message}`]:[]]}),await Xe(n,a,!z,Y),w)throw w;let M=u.filter(k);if(M.length){let p=M.map(R=>R.name);throw new Error(`${M.length} of ${u.length} checks failed: ${p.join(", ")}.`)}l(`All ${u.length} checks passed.`)}s(Jn,"run");async function It(e,t,o,i){if(i&&e.keepInstanceOnFailure){V("kept"),C([`keep-instance-on-failure: ${o} is still running so you can look into the failure.`,`Connect with Session Manager: aws ssm start-session --target ${o} --region ${t}`,`It costs money until removed: aws ec2 terminate-instances --instance-ids ${o} --region ${t}`].join(`
`));return}await Z(t,o,e.pollInterval),V("done")}s(It,"settleInstance");async function bt(e,t){await h(g,e).send(new _({InstanceIds:[t]})).then(()=>l(`Terminating ${t}; the post step waits until it shuts down.`)).catch(o=>C(`Could not terminate ${t} yet: ${o.message}`))}s(bt,"terminateQuickly");async function Kn(e){let t=be();if(!t||t.settled)return;let o=t.instanceId?[t.instanceId]:await Te(t.region,t.clientToken);for(let i of o)l(`The main step did not finish; terminating its test instance ${i}.`),await Z(t.region,i,2)}s(Kn,"post");export{Kn as post,Jn as run};
