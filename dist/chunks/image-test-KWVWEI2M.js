import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as se,c as D}from"./chunk-552X52JZ.js";import"./chunk-TFDZZ3IT.js";import{a as ce}from"./chunk-PHJ3O2UR.js";import{a as ie}from"./chunk-UYLIBV4F.js";import{a as ae}from"./chunk-W4T3CU47.js";import{a as q,b as ee}from"./chunk-3MKAFIL6.js";import{e as u,f as k,l as re}from"./chunk-AGHDD5AG.js";import"./chunk-ZRJWRODC.js";import{b as te}from"./chunk-7DHHLF6Y.js";import{A as P,B as A,C as _,p as ne,x as oe,z as b}from"./chunk-CL3THOOP.js";import{c as C}from"./chunk-K6ISWPE4.js";import{b as I,c as Z,e as V,g as L,j as z,z as Y}from"./chunk-L64B4XQN.js";import{b as K}from"./chunk-AAY3UDGA.js";import{a as J,b as Q,e as T,f as F}from"./chunk-5OP3EM6Q.js";import"./chunk-CONCB4YD.js";import{b as g,d as U,e as $,f as W,g as y,n as S}from"./chunk-UJQMOJCX.js";import{e as X}from"./chunk-E366NUIH.js";import"./chunk-EOJFG3UG.js";import"./chunk-SJYYJIUL.js";import"./chunk-KACEDX5G.js";import"./chunk-4F7ADDFU.js";import"./chunk-PK2HIIY3.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import{a as i}from"./chunk-MZGHBXLJ.js";import{join as pt}from"node:path";var O=class extends P(A,_,"DescribeSubnets",ne){static{i(this,"DescribeSubnetsCommand")}};var E=class extends P(A,_,"RunInstances",oe){static{i(this,"RunInstancesCommand")}};var Ne={Linux:{x86_64:"t3.micro",arm64:"t4g.micro"},Windows:{x86_64:"t3.medium",arm64:"t4g.medium"}};function de(e){if(!(e.architecture==="x86_64"||e.architecture==="arm64"))return`AMI ${e.imageId} is ${e.architecture}; mode test launches x86_64 and arm64 images only.`}i(de,"unsupportedArchitecture");function me(e){return Ne[e.platform][e.architecture==="arm64"?"arm64":"x86_64"]}i(me,"defaultInstanceType");var Le=[{name:"imds-v2-required",severity:"warning",description:"Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)",passes:i(e=>e.imdsSupport==="v2.0","passes"),fix:'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")'},{name:"ena-support",severity:"warning",description:"Enhanced networking (ENA) is enabled",passes:i(e=>e.enaSupport===!0,"passes"),fix:"enable ENA on the build instance before imaging (Packer: ena_support = true)"},{name:"root-volume-encrypted",severity:"warning",description:"The root volume snapshot is encrypted",passes:i(e=>e.rootEncrypted===!0,"passes"),fix:"encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key"},{name:"not-public",severity:"error",description:"The AMI is not shared publicly",passes:i(e=>!e.public,"passes"),fix:'remove the launch permission for group "all"'},{name:"hvm",severity:"error",description:"Hardware virtual machine (HVM) virtualization",passes:i(e=>e.virtualizationType==="hvm","passes"),fix:"rebuild from an HVM source AMI (paravirtual is retired)"}];function pe(e){return Le.map(t=>{let n=t.passes(e);return{suite:"compliance",profile:"baseline",name:t.name,description:t.description,severity:t.severity,passed:n,seconds:0,stdout:"",stderr:"",truncated:!1,message:n?void 0:`${t.description}: not so for ${e.imageId}. Fix: ${t.fix}.`}})}i(pe,"imageChecks");async function ze(e){let{Subnets:t}=await C(b,e).send(new O({Filters:[{Name:"default-for-az",Values:["true"]}]})),n=[...t??[]].sort((o,r)=>(o.AvailabilityZone??"").localeCompare(r.AvailabilityZone??""))[0];if(!n?.SubnetId)throw new Error(`${e} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);return n.SubnetId}i(ze,"defaultSubnet");function Fe(e){if(e)return e.startsWith("arn:")?{Arn:e}:{Name:e}}i(Fe,"profileReference");async function le(e,t){let n=ee(t.context,["test",e.region,e.amiId,process.env.GITHUB_ACTION??""]),o=t.record({kind:"terminate-instances",region:e.region,clientToken:n,instanceIds:[]}),r=e.subnetId??await ze(e.region),a={Name:`ami-action test ${e.amiId}`,[u.runId]:K(t.context),[u.purpose]:"test"},{Instances:s}=await C(b,e.region).send(new E({ClientToken:n,ImageId:e.amiId,InstanceType:e.instanceType,MinCount:1,MaxCount:1,IamInstanceProfile:Fe(e.instanceProfile),MetadataOptions:{HttpTokens:"required",HttpEndpoint:"enabled",HttpPutResponseHopLimit:2},NetworkInterfaces:[{DeviceIndex:0,SubnetId:r,Groups:e.securityGroupIds.length?e.securityGroupIds:void 0,AssociatePublicIpAddress:e.associatePublicIp,DeleteOnTermination:!0}],InstanceInitiatedShutdownBehavior:"terminate",TagSpecifications:[{ResourceType:"instance",Tags:k(a)},{ResourceType:"volume",Tags:k(a)}]})),c=s?.[0];if(!c?.InstanceId)throw new Error("RunInstances returned no instance.");o.update({instanceIds:[c.InstanceId]});let m=c.State?.Name;if(m==="shutting-down"||m==="terminated")throw new Error(`This attempt already launched ${c.InstanceId} (same client token) and it is ${m}; re-run the job to start a new attempt.`);return{instance:c,undo:o}}i(le,"launchInstance");function ue(e,t,n){return te({what:`${t} to be running`,deadline:n.deadline,pollIntervalSeconds:n.pollIntervalSeconds,check:i(async()=>{let o=await se(e,t,"poll"),r=o?.State?.Name??"not visible yet";if(r==="running")return{done:!0,value:o};if(r==="shutting-down"||r==="terminated"||r==="stopped"){let a=o?.StateReason?.Message??o?.StateTransitionReason??"";throw new Error(`${t} is ${r} before it ever ran${a?`: ${a}`:""}.`)}return{done:!1,status:r}},"check")})}i(ue,"waitUntilRunning");import{createHash as Ve}from"node:crypto";import{existsSync as Xe,readFileSync as Ke,statSync as Ye}from"node:fs";import{isAbsolute as Je,resolve as Qe}from"node:path";import{readFileSync as De}from"node:fs";import{basename as He,extname as Be,isAbsolute as Ge,resolve as Ue}from"node:path";var fe={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};var he={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$bad"`};var ge=`R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,$e={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${ge}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`},ye={name:"ssm-agent-running",description:"The SSM agent is installed and running",severity:"error",expectExitCode:0,script:`${ge}
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
exit 1`};var we={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};var xe={name:"no-ssh-authorized-keys",description:"No SSH authorized_keys left from the bake under /root or /home",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};function Ie(e){return`R=$AMI_ACTION_ROOT
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
)`}i(Ie,"sshdValue");var Ce={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${Ie("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},be={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${Ie("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var ke={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var Re={name:"baseline",platforms:["Linux"],imageChecks:!0,checks:[xe,we,fe,Ce,be,ke,$e,ye,he]};var M={baseline:Re},ve=I().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/,"letters, digits, space and . _ : / -"),We=L({id:ve.optional(),name:ve.optional(),description:I().optional(),command:I().min(1),"expect-exit-code":Z().int().min(0).max(255).default(0),"expect-output":I().refine(e=>{try{return new RegExp(e),!0}catch{return!1}},"a valid regular expression").optional(),severity:z(["error","warning"]).default("error")}).refine(e=>(e.id??e.name)!==void 0&&!(e.id&&e.name),{message:"give each check an id (or a name), not both"}),Ze=L({name:I().optional(),platform:z(["Linux","Windows"]).optional(),checks:V(We).min(1)});async function Se(e,t){let n=M[e];if(n)return n;let o=Ge(e)?e:Ue(t,e),r;try{r=De(o,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(M).join(", ")}) nor a readable file (looked for ${o}).`)}let{parseYaml:a}=await import("./yaml-3UJ2Z6LQ.js"),s=Ze.safeParse(a(r));if(!s.success){let d=s.error.issues.map(l=>`${l.path.join(".")||"(top)"}: ${l.message}`);throw new Error(`Compliance profile ${e} is not valid:
${d.join(`
`)}`)}let c=s.data.checks.map(d=>d.id??d.name),m=c.find((d,l)=>c.indexOf(d)!==l);if(m)throw new Error(`Compliance profile ${e} names the check "${m}" twice.`);return{name:s.data.name??He(e,Be(e)),platforms:s.data.platform?[s.data.platform]:["Linux","Windows"],checks:s.data.checks.map(d=>({name:d.id??d.name,description:d.description,severity:d.severity,script:d.command,expectExitCode:d["expect-exit-code"],expectOutput:d["expect-output"]}))}}i(Se,"loadProfile");function qe(e,t,n="Linux"){let o=Je(e)?e:Qe(t,e),r=!/\s/.test(e)&&Xe(o)&&Ye(o).isFile(),a=r?Ke(o,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:r&&n==="Linux"?et(a):a}}i(qe,"smokeCheck");function et(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let t=`AMI_ACTION_SCRIPT_${Ve("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${t}'`,e.replace(/\n?$/,""),t,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}i(et,"withInterpreter");async function Te(e,t,n){let o=e.smoke.map(s=>({suite:"smoke",check:qe(s,n,t)})),r=await Promise.all(e.compliance.map(s=>Se(s,n))),a=[];for(let s of r){if(!s.platforms.includes(t)){a.push(`${s.name} (written for ${s.platforms.join(", ")}; this AMI is ${t})`);continue}for(let c of s.checks){let m=s===M.baseline?`export AMI_ACTION_ALLOWED_PORTS='${e.allowedPorts.join(" ")}'
${c.script}`:c.script;o.push({suite:"compliance",profile:s.name,check:{...c,script:m}})}}return{checks:o,profiles:r,skipped:a}}i(Te,"planChecks");import{mkdirSync as st,writeFileSync as rt}from"node:fs";import{join as at}from"node:path";function w(e){return!e.passed&&e.severity==="error"}i(w,"isFailure");function H(e){let t=e.filter(w).length,n=e.filter(o=>!o.passed&&o.severity==="warning").length;return{passed:e.length-t,failed:t,warnings:n}}i(H,"countResults");function R(e){return e.profile?`${e.suite}/${e.profile}`:e.suite}i(R,"suiteName");var tt=/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g,nt=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;function j(e){return e.replace(tt,"")}i(j,"stripAnsi");function x(e){return j(e).replace(nt,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}i(x,"escapeXml");function ot(e){let t=[e.stdout,e.stderr?`--- stderr ---
${e.stderr}`:""];return e.truncated&&t.push("--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---"),t.filter(Boolean).join(`
`)}i(ot,"output");function it(e,t){let n=`name="${x(e.name)}" classname="${x(t)}" time="${e.seconds.toFixed(3)}"`,o=[],r=!e.passed&&e.severity==="warning";if(!e.passed&&!r){let s=e.message??"failed";o.push(`      <failure message="${x(s)}" type="${e.suite}">${x([s,e.exitCode===void 0?"":`exit code ${e.exitCode}`].filter(Boolean).join(`
`))}</failure>`)}let a=[r?`warning: ${e.message??"failed"}`:"",ot(e)].filter(Boolean).join(`
`);return a&&o.push(`      <system-out>${x(a)}</system-out>`),o.length?`    <testcase ${n}>
${o.join(`
`)}
    </testcase>`:`    <testcase ${n}/>`}i(it,"testcase");function Pe(e,t,n){let o=new Map;for(let c of e){let m=R(c);o.set(m,[...o.get(m)??[],c])}let r=i(c=>c.reduce((m,d)=>m+d.seconds,0).toFixed(3),"total"),a=i(c=>c.filter(w).length,"failures"),s=['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites name="${x(t)}" tests="${e.length}" failures="${a(e)}" errors="0" time="${r(e)}">`];for(let[c,m]of o)s.push(`  <testsuite name="${x(c)}" tests="${m.length}" failures="${a(m)}" errors="0" skipped="0" time="${r(m)}" timestamp="${n.toISOString()}">`,...m.map(d=>it(d,`${t}.${c}`)),"  </testsuite>");return s.push("</testsuites>",""),s.join(`
`)}i(Pe,"junitXml");var Ae=160;function ct(e){let t=j(e.passed?e.stdout:[e.message,e.stderr||e.stdout].filter(Boolean).join(" ")).replace(/\s+/g," ").trim();return`${t.length>Ae?`${t.slice(0,Ae)}\u2026`:t}${e.truncated?" (output truncated by SSM)":""}`}i(ct,"excerpt");function dt(e,t,n){let{passed:o,failed:r,warnings:a}=H(t);J(`Test of ${e}: ${r?"failed":"passed"} (${o} passed, ${r} failed${a?`, ${a} with a warning`:""})`,["check","result","exit code","duration","excerpt"],t.map(s=>[`${R(s)}: ${s.name}`,s.passed?"\u2705 passed":s.severity==="warning"?"\u26A0\uFE0F warning":"\u274C failed",s.exitCode??"\u2013",S(s.seconds),ct(s)||"\u2013"]));for(let s of n)Q(s)}i(dt,"summarizeResults");function mt(e){for(let t of e.filter(n=>!n.passed)){let n=j([t.stderr,t.stdout].filter(Boolean).join(`
`)).trim(),o=[t.message,t.description,n.slice(0,1e3)].filter(Boolean).join(`
`),r=`${R(t)}: ${t.name}`;t.severity==="warning"?$(o,{title:`Check warning: ${r}`}):U(o,{title:`Check failed: ${r}`})}}i(mt,"annotateFailures");function Oe(e){let{passed:t,failed:n}=H(e.results);st(e.reportDir,{recursive:!0});let o=at(e.reportDir,`test-${e.amiId}-${process.pid}.xml`);rt(o,Pe(e.results,`ami-action test ${e.amiId}`,e.testedAt)),g("result",e.failed?"failed":"passed"),g("passed",String(t)),g("failed",String(n)),g("report",o),dt(e.amiId,e.results,[...e.notes,`JUnit report: ${o}`]),mt(e.results)}i(Oe,"reportResults");async function Ee(e,t,n,o){let r={[u.test]:n?"passed":"failed",[u.testedAt]:o.toISOString()};try{await C(b,e).send(new ie({Resources:[t],Tags:k(r)})),y(`Tagged ${t}: ${u.test}=${r[u.test]}, ${u.testedAt}=${r[u.testedAt]}.`)}catch(a){$(`Could not tag ${t} with the test result: ${await X(a)}`)}}i(Ee,"tagResult");async function Hn(e,t){let n=e.region,{amiId:o,amis:r}=Y(e);q(n,r,Object.keys(e.amis??{}));let a=await re(n,o),s=[de(a)].filter(p=>!!p),c=e.instanceType??me(a),m=await Te(e,a.platform,t.context.workspace);for(let p of m.skipped)$(`Compliance profile ${p}: skipped.`);let d=m.profiles.some(p=>p.imageChecks)?pe(a):[],l="",f,B=0,G=i(()=>({region:n,instanceId:l,platform:a.platform,executionTimeoutSeconds:e.commandTimeout,pollIntervalSeconds:e.pollInterval,deadline:t.deadline}),"target"),N=i(async p=>{try{return await p()}catch(h){throw e.keepInstanceOnFailure&&f&&Me(f,n,l),h}},"keepingOnFailure"),je=[T(`launch ${c} from ${o}`,[{call:"ec2:RunInstances",detail:`${c}, IMDSv2 required, tagged ami-action:run-id`}],async p=>{e.instanceProfile||W("No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region."),B=Date.now();let{instance:h,undo:v}=await le({region:n,amiId:o,instanceType:c,subnetId:e.subnetId,securityGroupIds:e.securityGroupIds,instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp},p);f=v,l=h.InstanceId,g("instance-id",l),y(`Launched ${l} (${c}) in ${h.Placement?.AvailabilityZone??n}.`)}),F("the instance to be running",async p=>{await N(()=>ue(n,l,p))}),F("SSM to see the instance Online",p=>N(async()=>{let{waitForAgent:h}=await import("./ssm-LMFMEYEZ.js");await h({...G(),instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp,deadline:p.deadline});let v=Math.round((Date.now()-B)/1e3);g("boot-seconds",String(v)),y(`${l} is Online in SSM ${S(v)} after launch.`)})),...m.checks.map(p=>T(`run: ${ce(p)}`,[],()=>N(async()=>{let{runCheck:h}=await import("./ssm-LMFMEYEZ.js");d.push(await h(p,G()))}))),T("terminate the instance (or keep it, with keep-instance-on-failure, when a check failed)",[{call:"ec2:TerminateInstances",detail:"the test instance"}],async p=>{if(e.keepInstanceOnFailure&&d.some(w)&&f){Me(f,n,l);return}await D(n,[l],{deadline:p.deadline,pollIntervalSeconds:e.pollInterval,wait:!0}),f?.settle()})];return{facts:[`${o}: ${a.platform} ${a.architecture}; launching ${c}, then ${m.checks.length} check(s) with ${ae[a.platform]}.`,...d.map(p=>`${p.passed?"passed":"FAILED"}: ${p.name}`)],refusals:s,lanes:[{name:"",steps:je}],report:i(p=>lt(p,{config:e,amiId:o,instanceId:i(()=>l,"instanceId"),instanceType:c,results:d,scope:t}),"report")}}i(Hn,"plan");function Me(e,t,n){e.settle(),$([`keep-instance-on-failure: ${n} is still running so you can look into the failure.`,`Connect with Session Manager: aws ssm start-session --target ${n} --region ${t}`,`It costs money until removed: aws ec2 terminate-instances --instance-ids ${n} --region ${t}`].join(`
`))}i(Me,"keepInstance");async function lt(e,t){if(e.dryRun){y("dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.");return}if(e.refused||e.cancelled)return;let{results:n,amiId:o,config:r}=t,s=e.lanes[0].error,c=s!==void 0||n.some(w),m=new Date;if(Oe({amiId:o,results:n,failed:c,testedAt:m,reportDir:pt(t.scope.context.tempDir,"ami-action"),notes:[`Instance ${t.instanceId()||"(not launched)"} (${t.instanceType}).`,...s?[`The test did not finish: ${s.message}`]:[]]}),await Ee(r.region,o,!c,m),s)return;let d=n.filter(w);if(d.length){let l=d.map(f=>f.name);throw new Error(`${d.length} of ${n.length} checks failed: ${l.join(", ")}.`)}y(`All ${n.length} checks passed.`)}i(lt,"report");var Bn={"terminate-instances":i(async(e,t)=>{let{instancesByToken:n}=await import("./instances-UFE35UOJ.js"),o=e.instanceIds.length?e.instanceIds:e.clientToken?await n(e.region,e.clientToken):[];if(await D(e.region,o,{deadline:t.deadline,pollIntervalSeconds:t.pollIntervalSeconds,wait:!t.hurry}),!o.length)return"no test instance was launched";let r=`terminating its test instance ${o.join(", ")}`;return t.hurry?{message:`${r} (the post step makes sure it shuts down)`,leftForPost:!0}:`${r}: shut down`},"terminate-instances")};export{Bn as compensations,Hn as plan};
