import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as $e,c as V}from"./chunk-2O6FEBQH.js";import"./chunk-HZUY3CXX.js";import{a as Ie}from"./chunk-32UYRT6Q.js";import{a as pe}from"./chunk-RO4RXP5L.js";import{a as ye}from"./chunk-O53GRINR.js";import{a as ae,b as ge}from"./chunk-DEBCMP3M.js";import{a as f,b as O,e as le,h as Z,l as fe}from"./chunk-AXWFGKJG.js";import"./chunk-7YJFWSO3.js";import{b as he}from"./chunk-DM5TFE4E.js";import{A as E,B as S,C as A,D as P,p as ce,t as de,y as me}from"./chunk-CVQW5XQ2.js";import{b as ue,c as M}from"./chunk-RHIMWGFH.js";import{b as v,c as J,e as q,g as H,j as U,z as se}from"./chunk-NIGIAHOH.js";import{b as ne}from"./chunk-AAY3UDGA.js";import{a as ie,b as re,e as L,f as W}from"./chunk-67FFLL6E.js";import"./chunk-CONCB4YD.js";import{b as g,d as K,e as b,f as Y,g as I,n as T,p as oe}from"./chunk-DPGROEPH.js";import{b as Q,c as ee,e as te}from"./chunk-E366NUIH.js";import"./chunk-EOJFG3UG.js";import"./chunk-SJYYJIUL.js";import"./chunk-KACEDX5G.js";import"./chunk-4F7ADDFU.js";import"./chunk-PK2HIIY3.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import{a as o}from"./chunk-MZGHBXLJ.js";import{join as vt}from"node:path";var F=class extends S(A,P,"DescribeSubnets",ce){static{o(this,"DescribeSubnetsCommand")}};var D=class extends S(A,P,"GetImageAncestry",de){static{o(this,"GetImageAncestryCommand")}};var z=class extends S(A,P,"RunInstances",me){static{o(this,"RunInstancesCommand")}};var Xe=new Set(["InvalidAction","UnsupportedOperation","InvalidRequest"]);async function Ke(e,t){try{return(await Z(e).send(new D({ImageId:t}))).ImageAncestryEntries??[]}catch(n){if(Xe.has(Q(n)??""))return;throw n}}o(Ke,"readAncestry");function Ye(e,t){return e.map((n,s)=>{let i=s===0?t:e[s-1].SourceImageRegion??t,c=n.ImageOwnerAlias?`, ${oe(n.ImageOwnerAlias)}`:"";return`${n.ImageId} (${i}${c}, created ${n.CreationDate?.toISOString()??"?"})`})}o(Ye,"ancestryLines");var we=o(e=>`${Math.floor(e/86400)} days`,"days");async function xe(e,t){let n=t%86400===0?`${t/86400}d`:T(t),s=await Ke(e.region,e.imageId),i=s?Ye(s,e.region):[],c=s&&s.length>1?s.at(-1):void 0,a=e.tags[f.baseAmi]??c?.ImageId,d={suite:"image",name:"base-image-age",description:`The AMI's base is not deprecated and at most ${n} old (max-base-age)`,severity:"error",passed:!1,seconds:0,stdout:i.length?`ancestry: ${i.join(" <- ")}`:"",stderr:"",truncated:!1};if(!a)return d.message=`Cannot tell the base of ${e.imageId}: it has no ${f.baseAmi} tag and its AMI ancestry names no source AMI${s?"":" (GetImageAncestry is not offered here)"}. Bake it with mode: bake, or leave max-base-age out.`,{result:d,ancestry:i};let m=s?.findIndex(R=>R.ImageId===a)??-1,l=e.tags[f.baseRegion]??(s&&m>0?s[m-1].SourceImageRegion:void 0)??e.region,u=(await Z(l).send(new le({ImageIds:[a],IncludeDeprecated:!0})).catch(R=>{if(ee(R))return{Images:[]};throw R})).Images?.[0],h=ue(),w=u?.CreationDate??(m>=0?s?.[m].CreationDate?.toISOString():void 0),$=w?(h.getTime()-Date.parse(w))/1e3:void 0,x="Bake again from a newer base (mode: bake resolves it afresh).";return u?.DeprecationTime&&Date.parse(u.DeprecationTime)<=h.getTime()?d.message=`The base ${a} of ${e.imageId} is deprecated (since ${u.DeprecationTime}). ${x}`:u?$!==void 0&&$>t?d.message=`The base ${a} of ${e.imageId} is ${we($)} old (created ${w}), older than max-base-age ${n}. ${x}`:(d.passed=!0,d.stdout=[`base ${a} (${l}) created ${w??"?"}, ${$===void 0?"age unknown":we($)} old`,d.stdout].filter(Boolean).join("; ")):d.message=`The base ${a} of ${e.imageId} no longer exists in ${l} (or this account may not see it). ${x}`,{result:d,base:a,ancestry:i}}o(xe,"checkBaseAge");var Je={Linux:{x86_64:"t3.micro",arm64:"t4g.micro"},Windows:{x86_64:"t3.medium",arm64:"t4g.medium"}};function be(e){if(!(e.architecture==="x86_64"||e.architecture==="arm64"))return`AMI ${e.imageId} is ${e.architecture}; mode test launches x86_64 and arm64 images only.`}o(be,"unsupportedArchitecture");function Ce(e){return Je[e.platform][e.architecture==="arm64"?"arm64":"x86_64"]}o(Ce,"defaultInstanceType");var qe=[{name:"imds-v2-required",severity:"warning",description:"Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)",passes:o(e=>e.imdsSupport==="v2.0","passes"),fix:'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")'},{name:"ena-support",severity:"warning",description:"Enhanced networking (ENA) is enabled",passes:o(e=>e.enaSupport===!0,"passes"),fix:"enable ENA on the build instance before imaging (Packer: ena_support = true)"},{name:"root-volume-encrypted",severity:"warning",description:"The root volume snapshot is encrypted",passes:o(e=>e.rootEncrypted===!0,"passes"),fix:"encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key"},{name:"not-public",severity:"error",description:"The AMI is not shared publicly",passes:o(e=>!e.public,"passes"),fix:'remove the launch permission for group "all"'},{name:"hvm",severity:"error",description:"Hardware virtual machine (HVM) virtualization",passes:o(e=>e.virtualizationType==="hvm","passes"),fix:"rebuild from an HVM source AMI (paravirtual is retired)"}];function ke(e){return qe.map(t=>{let n=t.passes(e);return{suite:"compliance",profile:"baseline",name:t.name,description:t.description,severity:t.severity,passed:n,seconds:0,stdout:"",stderr:"",truncated:!1,message:n?void 0:`${t.description}: not so for ${e.imageId}. Fix: ${t.fix}.`}})}o(ke,"imageChecks");async function Qe(e){let{Subnets:t}=await M(E,e).send(new F({Filters:[{Name:"default-for-az",Values:["true"]}]})),n=[...t??[]].sort((s,i)=>(s.AvailabilityZone??"").localeCompare(i.AvailabilityZone??""))[0];if(!n?.SubnetId)throw new Error(`${e} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);return n.SubnetId}o(Qe,"defaultSubnet");function et(e){if(e)return e.startsWith("arn:")?{Arn:e}:{Name:e}}o(et,"profileReference");async function Re(e,t){let n=ge(t.context,["test",e.region,e.amiId,process.env.GITHUB_ACTION??""]),s=t.record({kind:"terminate-instances",region:e.region,clientToken:n,instanceIds:[]}),i=e.subnetId??await Qe(e.region),c={Name:`ami-action test ${e.amiId}`,[f.runId]:ne(t.context),[f.purpose]:"test"},{Instances:r}=await M(E,e.region).send(new z({ClientToken:n,ImageId:e.amiId,InstanceType:e.instanceType,MinCount:1,MaxCount:1,IamInstanceProfile:et(e.instanceProfile),MetadataOptions:{HttpTokens:"required",HttpEndpoint:"enabled",HttpPutResponseHopLimit:2},NetworkInterfaces:[{DeviceIndex:0,SubnetId:i,Groups:e.securityGroupIds.length?e.securityGroupIds:void 0,AssociatePublicIpAddress:e.associatePublicIp,DeleteOnTermination:!0}],InstanceInitiatedShutdownBehavior:"terminate",TagSpecifications:[{ResourceType:"instance",Tags:O(c)},{ResourceType:"volume",Tags:O(c)}]})),a=r?.[0];if(!a?.InstanceId)throw new Error("RunInstances returned no instance.");s.update({instanceIds:[a.InstanceId]});let d=a.State?.Name;if(d==="shutting-down"||d==="terminated")throw new Error(`This attempt already launched ${a.InstanceId} (same client token) and it is ${d}; re-run the job to start a new attempt.`);return{instance:a,undo:s}}o(Re,"launchInstance");function ve(e,t,n){return he({what:`${t} to be running`,deadline:n.deadline,pollIntervalSeconds:n.pollIntervalSeconds,check:o(async()=>{let s=await $e(e,t,"poll"),i=s?.State?.Name??"not visible yet";if(i==="running")return{done:!0,value:s};if(i==="shutting-down"||i==="terminated"||i==="stopped"){let c=s?.StateReason?.Message??s?.StateTransitionReason??"";throw new Error(`${t} is ${i} before it ever ran${c?`: ${c}`:""}.`)}return{done:!1,status:i}},"check")})}o(ve,"waitUntilRunning");import{createHash as ct}from"node:crypto";import{existsSync as dt,readFileSync as mt,statSync as pt}from"node:fs";import{isAbsolute as lt,resolve as ut}from"node:path";import{readFileSync as tt}from"node:fs";import{basename as nt,extname as st,isAbsolute as ot,resolve as it}from"node:path";var Te={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};var Se={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,Pe={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${Ae}
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
exit 1`};var Oe={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};function Me(e){return`R=$AMI_ACTION_ROOT
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
)`}o(Me,"sshdValue");var je={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${Me("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},Ne={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${Me("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var Le={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var Fe={name:"baseline",platforms:["Linux"],imageChecks:!0,checks:[Ee,Oe,Te,je,Ne,Le,Pe,_e,Se]};var B={baseline:Fe},De=v().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/,"letters, digits, space and . _ : / -"),rt=H({id:De.optional(),name:De.optional(),description:v().optional(),command:v().min(1),"expect-exit-code":J().int().min(0).max(255).default(0),"expect-output":v().refine(e=>{try{return new RegExp(e),!0}catch{return!1}},"a valid regular expression").optional(),severity:U(["error","warning"]).default("error")}).refine(e=>(e.id??e.name)!==void 0&&!(e.id&&e.name),{message:"give each check an id (or a name), not both"}),at=H({name:v().optional(),platform:U(["Linux","Windows"]).optional(),checks:q(rt).min(1)});async function ze(e,t){let n=B[e];if(n)return n;let s=ot(e)?e:it(t,e),i;try{i=tt(s,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(B).join(", ")}) nor a readable file (looked for ${s}).`)}let{parseYaml:c}=await import("./yaml-3UJ2Z6LQ.js"),r=at.safeParse(c(i));if(!r.success){let m=r.error.issues.map(l=>`${l.path.join(".")||"(top)"}: ${l.message}`);throw new Error(`Compliance profile ${e} is not valid:
${m.join(`
`)}`)}let a=r.data.checks.map(m=>m.id??m.name),d=a.find((m,l)=>a.indexOf(m)!==l);if(d)throw new Error(`Compliance profile ${e} names the check "${d}" twice.`);return{name:r.data.name??nt(e,st(e)),platforms:r.data.platform?[r.data.platform]:["Linux","Windows"],checks:r.data.checks.map(m=>({name:m.id??m.name,description:m.description,severity:m.severity,script:m.command,expectExitCode:m["expect-exit-code"],expectOutput:m["expect-output"]}))}}o(ze,"loadProfile");function ft(e,t,n="Linux"){let s=lt(e)?e:ut(t,e),i=!/\s/.test(e)&&dt(s)&&pt(s).isFile(),c=i?mt(s,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:i&&n==="Linux"?ht(c):c}}o(ft,"smokeCheck");function ht(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let t=`AMI_ACTION_SCRIPT_${ct("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${t}'`,e.replace(/\n?$/,""),t,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}o(ht,"withInterpreter");async function Be(e,t,n){let s=e.smoke.map(r=>({suite:"smoke",check:ft(r,n,t)})),i=await Promise.all(e.compliance.map(r=>ze(r,n))),c=[];for(let r of i){if(!r.platforms.includes(t)){c.push(`${r.name} (written for ${r.platforms.join(", ")}; this AMI is ${t})`);continue}for(let a of r.checks){let d=r===B.baseline?`export AMI_ACTION_ALLOWED_PORTS='${e.allowedPorts.join(" ")}'
${a.script}`:a.script;s.push({suite:"compliance",profile:r.name,check:{...a,script:d}})}}return{checks:s,profiles:i,skipped:c}}o(Be,"planChecks");import{mkdirSync as wt,writeFileSync as xt}from"node:fs";import{join as bt}from"node:path";function C(e){return!e.passed&&e.severity==="error"}o(C,"isFailure");function X(e){let t=e.filter(C).length,n=e.filter(s=>!s.passed&&s.severity==="warning").length;return{passed:e.length-t,failed:t,warnings:n}}o(X,"countResults");function j(e){return e.profile?`${e.suite}/${e.profile}`:e.suite}o(j,"suiteName");var gt=/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g,$t=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;function G(e){return e.replace(gt,"")}o(G,"stripAnsi");function k(e){return G(e).replace($t,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}o(k,"escapeXml");function yt(e){let t=[e.stdout,e.stderr?`--- stderr ---
${e.stderr}`:""];return e.truncated&&t.push("--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---"),t.filter(Boolean).join(`
`)}o(yt,"output");function It(e,t){let n=`name="${k(e.name)}" classname="${k(t)}" time="${e.seconds.toFixed(3)}"`,s=[],i=!e.passed&&e.severity==="warning";if(!e.passed&&!i){let r=e.message??"failed";s.push(`      <failure message="${k(r)}" type="${e.suite}">${k([r,e.exitCode===void 0?"":`exit code ${e.exitCode}`].filter(Boolean).join(`
`))}</failure>`)}let c=[i?`warning: ${e.message??"failed"}`:"",yt(e)].filter(Boolean).join(`
`);return c&&s.push(`      <system-out>${k(c)}</system-out>`),s.length?`    <testcase ${n}>
${s.join(`
`)}
    </testcase>`:`    <testcase ${n}/>`}o(It,"testcase");function Ge(e,t,n){let s=new Map;for(let a of e){let d=j(a);s.set(d,[...s.get(d)??[],a])}let i=o(a=>a.reduce((d,m)=>d+m.seconds,0).toFixed(3),"total"),c=o(a=>a.filter(C).length,"failures"),r=['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites name="${k(t)}" tests="${e.length}" failures="${c(e)}" errors="0" time="${i(e)}">`];for(let[a,d]of s)r.push(`  <testsuite name="${k(a)}" tests="${d.length}" failures="${c(d)}" errors="0" skipped="0" time="${i(d)}" timestamp="${n.toISOString()}">`,...d.map(m=>It(m,`${t}.${a}`)),"  </testsuite>");return r.push("</testsuites>",""),r.join(`
`)}o(Ge,"junitXml");var He=160;function Ct(e){let t=G(e.passed?e.stdout:[e.message,e.stderr||e.stdout].filter(Boolean).join(" ")).replace(/\s+/g," ").trim();return`${t.length>He?`${t.slice(0,He)}\u2026`:t}${e.truncated?" (output truncated by SSM)":""}`}o(Ct,"excerpt");function kt(e,t,n){let{passed:s,failed:i,warnings:c}=X(t);ie(`Test of ${e}: ${i?"failed":"passed"} (${s} passed, ${i} failed${c?`, ${c} with a warning`:""})`,["check","result","exit code","duration","excerpt"],t.map(r=>[`${j(r)}: ${r.name}`,r.passed?"\u2705 passed":r.severity==="warning"?"\u26A0\uFE0F warning":"\u274C failed",r.exitCode??"\u2013",T(r.seconds),Ct(r)||"\u2013"]));for(let r of n)re(r)}o(kt,"summarizeResults");function Rt(e){for(let t of e.filter(n=>!n.passed)){let n=G([t.stderr,t.stdout].filter(Boolean).join(`
`)).trim(),s=[t.message,t.description,n.slice(0,1e3)].filter(Boolean).join(`
`),i=`${j(t)}: ${t.name}`;t.severity==="warning"?b(s,{title:`Check warning: ${i}`}):K(s,{title:`Check failed: ${i}`})}}o(Rt,"annotateFailures");function We(e){let{passed:t,failed:n}=X(e.results);wt(e.reportDir,{recursive:!0});let s=bt(e.reportDir,`test-${e.amiId}-${process.pid}.xml`);xt(s,Ge(e.results,`ami-action test ${e.amiId}`,e.testedAt)),g("result",e.failed?"failed":"passed"),g("passed",String(t)),g("failed",String(n)),g("report",s),kt(e.amiId,e.results,[...e.notes,`JUnit report: ${s}`]),Rt(e.results)}o(We,"reportResults");async function Ze(e,t,n,s){let i={[f.test]:n?"passed":"failed",[f.testedAt]:s.toISOString()};try{await M(E,e).send(new pe({Resources:[t],Tags:O(i)})),I(`Tagged ${t}: ${f.test}=${i[f.test]}, ${f.testedAt}=${i[f.testedAt]}.`)}catch(c){b(`Could not tag ${t} with the test result: ${await te(c)}`)}}o(Ze,"tagResult");async function gs(e,t){let n=e.region,{amiId:s,amis:i}=se(e);ae(n,i,Object.keys(e.amis??{}));let c=await fe(n,s),r=[be(c)].filter(p=>!!p),a=e.instanceType??Ce(c),d=await Be(e,c.platform,t.context.workspace);for(let p of d.skipped)b(`Compliance profile ${p}: skipped.`);let m=d.profiles.some(p=>p.imageChecks)?ke(c):[],l=e.maxBaseAge===void 0?void 0:await xe(c,e.maxBaseAge);l&&(m.push(l.result),l.base&&g("base-image",l.base),l.ancestry.length&&I(`AMI ancestry (GetImageAncestry): ${l.ancestry.join(" <- ")}`));let _=l!==void 0&&!l.result.passed,u="",h,w=0,$=o(()=>({region:n,instanceId:u,platform:c.platform,executionTimeoutSeconds:e.commandTimeout,pollIntervalSeconds:e.pollInterval,deadline:t.deadline}),"target"),x=o(async p=>{try{return await p()}catch(y){throw e.keepInstanceOnFailure&&h&&Ve(h,n,u),y}},"keepingOnFailure"),R=_?[]:[L(`launch ${a} from ${s}`,[{call:"ec2:RunInstances",detail:`${a}, IMDSv2 required, tagged ami-action:run-id`}],async p=>{e.instanceProfile||Y("No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region."),w=Date.now();let{instance:y,undo:N}=await Re({region:n,amiId:s,instanceType:a,subnetId:e.subnetId,securityGroupIds:e.securityGroupIds,instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp},p);h=N,u=y.InstanceId,g("instance-id",u),I(`Launched ${u} (${a}) in ${y.Placement?.AvailabilityZone??n}.`)}),W("the instance to be running",async p=>{await x(()=>ve(n,u,p))}),W("SSM to see the instance Online",p=>x(async()=>{let{waitForAgent:y}=await import("./ssm-E5TVQ7UB.js");await y({...$(),instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp,deadline:p.deadline});let N=Math.round((Date.now()-w)/1e3);g("boot-seconds",String(N)),I(`${u} is Online in SSM ${T(N)} after launch.`)})),...d.checks.map(p=>L(`run: ${Ie(p)}`,[],()=>x(async()=>{let{runCheck:y}=await import("./ssm-E5TVQ7UB.js");m.push(await y(p,$()))}))),L("terminate the instance (or keep it, with keep-instance-on-failure, when a check failed)",[{call:"ec2:TerminateInstances",detail:"the test instance"}],async p=>{if(e.keepInstanceOnFailure&&m.some(C)&&h){Ve(h,n,u);return}await V(n,[u],{deadline:p.deadline,pollIntervalSeconds:e.pollInterval,wait:!0}),h?.settle()})];return{facts:[`${s}: ${c.platform} ${c.architecture}; launching ${a}, then ${d.checks.length} check(s) with ${ye[c.platform]}.`,...m.map(p=>`${p.passed?"passed":"FAILED"}: ${p.name}`),..._?[`${l?.result.message} No instance is launched: the test fails on the base alone.`]:[]],refusals:r,lanes:[{name:"",steps:R}],report:o(p=>Tt(p,{config:e,amiId:s,instanceId:o(()=>u,"instanceId"),instanceType:a,results:m,scope:t}),"report")}}o(gs,"plan");function Ve(e,t,n){e.settle(),b([`keep-instance-on-failure: ${n} is still running so you can look into the failure.`,`Connect with Session Manager: aws ssm start-session --target ${n} --region ${t}`,`It costs money until removed: aws ec2 terminate-instances --instance-ids ${n} --region ${t}`].join(`
`))}o(Ve,"keepInstance");async function Tt(e,t){if(e.dryRun){I("dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.");return}if(e.refused||e.cancelled)return;let{results:n,amiId:s,config:i}=t,r=e.lanes[0].error,a=r!==void 0||n.some(C),d=new Date;if(We({amiId:s,results:n,failed:a,testedAt:d,reportDir:vt(t.scope.context.tempDir,"ami-action"),notes:[`Instance ${t.instanceId()||"(not launched)"} (${t.instanceType}).`,...r?[`The test did not finish: ${r.message}`]:[]]}),await Ze(i.region,s,!a,d),r)return;let m=n.filter(C);if(m.length){let l=m.map(_=>_.name);throw new Error(`${m.length} of ${n.length} checks failed: ${l.join(", ")}.`)}I(`All ${n.length} checks passed.`)}o(Tt,"report");var $s={"terminate-instances":o(async(e,t)=>{let{instancesByToken:n}=await import("./instances-H64AWHCO.js"),s=e.instanceIds.length?e.instanceIds:e.clientToken?await n(e.region,e.clientToken):[];if(await V(e.region,s,{deadline:t.deadline,pollIntervalSeconds:t.pollIntervalSeconds,wait:!t.hurry}),!s.length)return"no test instance was launched";let i=`terminating its test instance ${s.join(", ")}`;return t.hurry?{message:`${i} (the post step makes sure it shuts down)`,leftForPost:!0}:`${i}: shut down`},"terminate-instances")};export{$s as compensations,gs as plan};
