import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as N}from"./chunk-HY2ROLZ5.js";import{a as Se}from"./chunk-26DX23ZI.js";import{a as ke,b as ve,c as Re}from"./chunk-NXECYEDE.js";import{a as he,b as Ie,c as ye,d as S}from"./chunk-A3R6TLFP.js";import{a as K}from"./chunk-2CATLUL7.js";import{a as y,b as E}from"./chunk-EMZLJOSN.js";import{i as L}from"./chunk-QTZRJGPY.js";import{A as P,B as A,C as be,o as Ce,r as we,w as xe,y as h,z as T}from"./chunk-W46NS6MM.js";import{b as p}from"./chunk-435QT7AU.js";import{b as k,c as ue,d as pe,f as X,g as Z,v as fe}from"./chunk-LFNZX7XH.js";import{b as le}from"./chunk-AAY3UDGA.js";import{b as w,d as oe,e as x,f as se,g as u,h as ie,i as re,j as ae,l as me,n as de,o as v,p as ge,q as $e,r as R}from"./chunk-FVSDWOPY.js";import{b as G,c as V,d as ce}from"./chunk-TZWA3WQK.js";import"./chunk-QPXGPXAW.js";import"./chunk-UN6UTOKS.js";import"./chunk-KACEDX5G.js";import"./chunk-NQWZDY64.js";import"./chunk-J5BAYVMC.js";import"./chunk-SM3TMW6G.js";import"./chunk-4SPFCYOS.js";import{a as o}from"./chunk-MZGHBXLJ.js";import{join as Gt}from"node:path";var D=class extends T(P,A,"DescribeSubnets",Ce){static{o(this,"DescribeSubnetsCommand")}};var j=class extends T(P,A,"GetConsoleOutput",we){static{o(this,"GetConsoleOutputCommand")}};var F=class extends T(P,A,"RunInstances",xe){static{o(this,"RunInstancesCommand")}};var Te=40;async function Pe(e){let t=p(L,e.region);try{await S({what:`SSM to see ${e.instanceId} Online`,timeoutSeconds:e.timeoutSeconds,pollIntervalSeconds:e.pollIntervalSeconds,check:o(async()=>{let{InstanceInformationList:n}=await t.send(new ke({Filters:[{Key:"InstanceIds",Values:[e.instanceId]}]})),i=n?.[0]?.PingStatus;return i==="Online"?{done:!0,value:void 0}:{done:!1,status:i??"not registered with SSM yet"}},"check")})}catch(n){throw n instanceof ye?(await mt(e.region,e.instanceId),new Error(dt(e,n.message))):n}}o(Pe,"waitUntilOnline");async function mt(e,t){try{let{Output:n}=await p(h,e).send(new j({InstanceId:t,Latest:!0})),s=(n?Buffer.from(n,"base64").toString("utf8"):"").replace(/\r/g,"").split(`
`);for(;s.length&&s[s.length-1].trim()==="";)s.pop();await ie(`Console output of ${t} (last ${Te} lines)`,async()=>{u(s.length?s.slice(-Te).join(`
`):"(EC2 has no console output yet)")})}catch(n){x(`Could not read the console output of ${t}: ${n.message}`)}}o(mt,"showConsoleTail");function dt(e,t){let n=[e.instanceProfile?`the instance profile ${e.instanceProfile} lacks SSM permissions (attach the managed policy AmazonSSMManagedInstanceCore to its role)`:"no instance profile: set instance-profile to one whose role has AmazonSSMManagedInstanceCore (without one, only Default Host Management Configuration lets SSM manage the instance)",`no route from the subnet to the SSM endpoints (ssm, ssmmessages, ec2messages in ${e.region}): ${e.associatePublicIp?"check the route table and network ACLs":"the instance has no public IP, so it needs a NAT gateway or VPC interface endpoints (or set associate-public-ip: true in a public subnet)"}`,"the SSM agent is missing from the AMI or does not start (see the console output above)"];return`SSM never saw ${e.instanceId} Online. ${t}
Likely causes:
${n.map(i=>`- ${i}`).join(`
`)}`}o(dt,"neverOnlineMessage");var Oe={Linux:"AWS-RunShellScript",Windows:"AWS-RunPowerShellScript"},Ae=600,lt=60,ut=24e3,pt=8e3,ft=new Set(["Success","Failed","Cancelled","TimedOut","Undeliverable","Terminated"]);function Ee(e){return Oe[e]}o(Ee,"documentFor");async function _e(e){let t=p(L,e.region),n=Date.now(),s=(await S({what:`SSM to accept ${e.label} for ${e.instanceId}`,timeoutSeconds:lt,pollIntervalSeconds:Math.min(e.pollIntervalSeconds,5),check:o(async()=>{try{let{Command:g}=await t.send(new Re({InstanceIds:[e.instanceId],DocumentName:Oe[e.platform],Comment:`ami-action test: ${e.label}`.slice(0,100),TimeoutSeconds:Ae,Parameters:{commands:e.lines,executionTimeout:[String(Math.ceil(e.executionTimeoutSeconds))]}}));return{done:!0,value:g}}catch(g){if(G(g)==="InvalidInstanceId")return{done:!1,status:"InvalidInstanceId"};throw g}},"check")}))?.CommandId,a=Math.min(Ae+e.executionTimeoutSeconds+60,Math.max(1,(e.deadline-Date.now())/1e3)),r=await S({what:`${e.label} on ${e.instanceId}`,timeoutSeconds:a,pollIntervalSeconds:e.pollIntervalSeconds,onStatus:o(()=>{},"onStatus"),check:o(async()=>{try{let g=await t.send(new ve({CommandId:s,InstanceId:e.instanceId})),$=g.Status??"Pending";return ft.has($)?{done:!0,value:g}:{done:!1,status:$}}catch(g){if(G(g)==="InvocationDoesNotExist")return{done:!1,status:"Pending"};throw g}},"check")}),c=r.StandardOutputContent??"",d=r.StandardErrorContent??"",m=Date.parse(r.ExecutionStartDateTime??""),l=Date.parse(r.ExecutionEndDateTime??""),b=r.ResponseCode;return{status:r.Status,exitCode:b===void 0||b<0?void 0:b,stdout:c,stderr:d,truncated:c.length>=ut||d.length>=pt,seconds:Number.isFinite(m)&&Number.isFinite(l)?(l-m)/1e3:(Date.now()-n)/1e3}}o(_e,"runCommand");async function Me(e,t){let n=[];for(let{suite:i,profile:s,check:a}of e){let r=s?`${s}/${a.name}`:a.name,c=await _e({...t,label:r,lines:a.script.split(`
`)}),d=c.exitCode===a.expectExitCode,m=!a.expectOutput||new RegExp(a.expectOutput,"m").test(c.stdout),l=c.status!=="TimedOut"&&c.status!=="Cancelled"&&d&&m,b={suite:i,profile:s,name:a.name,description:a.description,severity:a.severity,passed:l,exitCode:c.exitCode,seconds:c.seconds,stdout:c.stdout,stderr:c.stderr,truncated:c.truncated,message:l?void 0:ht(c,a,d)};u(`${l?"passed":a.severity==="warning"?"WARNING":"FAILED"}: ${r} (exit ${c.exitCode??"-"}, ${v(c.seconds)})`),n.push(b)}return n}o(Me,"runChecks");function ht(e,t,n){return e.status==="TimedOut"?"It ran longer than command-timeout and SSM stopped it (TimedOut).":e.exitCode===void 0?`SSM reports ${e.status} with no exit code.`:n?`The output does not match /${t.expectOutput}/.`:`Exit code ${e.exitCode}, expected ${t.expectExitCode}.`}o(ht,"failureMessage");var gt={Linux:{x86_64:"t3.micro",arm64:"t4g.micro"},Windows:{x86_64:"t3.medium",arm64:"t4g.medium"}};async function Ne(e,t){let{Images:n}=await p(h,e).send(new be({ImageIds:[t]})),i=n?.[0];if(!i)throw new Error(`AMI ${t} was not found in ${e}.`);if(i.State!=="available")throw new Error(`AMI ${t} is ${i.State}, not available: it cannot be launched yet.`);let s=i.Architecture;if(s!=="x86_64"&&s!=="arm64")throw new Error(`AMI ${t} is ${s}; mode test launches x86_64 and arm64 images only.`);return{image:i,platform:String(i.Platform??"").toLowerCase()==="windows"?"Windows":"Linux",architecture:s}}o(Ne,"describeImage");function Le(e){return gt[e.platform][e.architecture]}o(Le,"defaultInstanceType");var $t=[{name:"imds-v2-required",severity:"warning",description:"Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)",passes:o(e=>e.ImdsSupport==="v2.0","passes"),fix:'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")'},{name:"ena-support",severity:"warning",description:"Enhanced networking (ENA) is enabled",passes:o(e=>e.EnaSupport===!0,"passes"),fix:"enable ENA on the build instance before imaging (Packer: ena_support = true)"},{name:"root-volume-encrypted",severity:"warning",description:"The root volume snapshot is encrypted",passes:o(e=>e.BlockDeviceMappings?.find(t=>t.DeviceName===e.RootDeviceName)?.Ebs?.Encrypted===!0,"passes"),fix:"encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key"},{name:"not-public",severity:"error",description:"The AMI is not shared publicly",passes:o(e=>e.Public!==!0,"passes"),fix:'remove the launch permission for group "all"'},{name:"hvm",severity:"error",description:"Hardware virtual machine (HVM) virtualization",passes:o(e=>e.VirtualizationType==="hvm","passes"),fix:"rebuild from an HVM source AMI (paravirtual is retired)"}];function De(e){return $t.map(t=>{let n=t.passes(e);return{suite:"compliance",profile:"baseline",name:t.name,description:t.description,severity:t.severity,passed:n,seconds:0,stdout:"",stderr:"",truncated:!1,message:n?void 0:`${t.description}: not so for ${e.ImageId}. Fix: ${t.fix}.`}})}o(De,"imageChecks");var je="test-instance",J;function Y(e){J=e,re(je,JSON.stringify(e))}o(Y,"saveInstance");function Fe(){let e=ae(je);return e?JSON.parse(e):void 0}o(Fe,"readSavedInstance");async function It(e){let{Subnets:t}=await p(h,e).send(new D({Filters:[{Name:"default-for-az",Values:["true"]}]})),n=[...t??[]].sort((i,s)=>(i.AvailabilityZone??"").localeCompare(s.AvailabilityZone??""))[0];if(!n?.SubnetId)throw new Error(`${e} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);return n.SubnetId}o(It,"defaultSubnet");function yt(e){if(e)return e.startsWith("arn:")?{Arn:e}:{Name:e}}o(yt,"profileReference");async function ze(e,t){let n=Ie(t,["test",e.region,e.amiId,process.env.GITHUB_ACTION??""]);Y({region:e.region,clientToken:n});let i=e.subnetId??await It(e.region),s={Name:`ami-action test ${e.amiId}`,[y.runId]:le(t),[y.purpose]:"test"},{Instances:a}=await p(h,e.region).send(new F({ClientToken:n,ImageId:e.amiId,InstanceType:e.instanceType,MinCount:1,MaxCount:1,IamInstanceProfile:yt(e.instanceProfile),MetadataOptions:{HttpTokens:"required",HttpEndpoint:"enabled",HttpPutResponseHopLimit:2},NetworkInterfaces:[{DeviceIndex:0,SubnetId:i,Groups:e.securityGroupIds.length?e.securityGroupIds:void 0,AssociatePublicIpAddress:e.associatePublicIp,DeleteOnTermination:!0}],InstanceInitiatedShutdownBehavior:"terminate",TagSpecifications:[{ResourceType:"instance",Tags:E(s)},{ResourceType:"volume",Tags:E(s)}]})),r=a?.[0];if(!r?.InstanceId)throw new Error("RunInstances returned no instance.");Y({region:e.region,clientToken:n,instanceId:r.InstanceId});let c=r.State?.Name;if(c==="shutting-down"||c==="terminated")throw new Error(`This attempt already launched ${r.InstanceId} (same client token) and it is ${c}; re-run the job to start a new attempt.`);return r}o(ze,"launchInstance");async function We(e,t){try{let{Reservations:n}=await p(h,e).send(new K({InstanceIds:[t]}));return n?.[0]?.Instances?.[0]}catch(n){if(V(n))return;throw n}}o(We,"describeInstance");function Ue(e,t,n){return S({what:`${t} to be running`,...n,check:o(async()=>{let i=await We(e,t),s=i?.State?.Name??"not visible yet";if(s==="running")return{done:!0,value:i};if(s==="shutting-down"||s==="terminated"||s==="stopped"){let a=i?.StateReason?.Message??i?.StateTransitionReason??"";throw new Error(`${t} is ${s} before it ever ran${a?`: ${a}`:""}.`)}return{done:!1,status:s}},"check")})}o(Ue,"waitUntilRunning");async function Q(e,t,n){let i=p(h,e);try{await i.send(new N({InstanceIds:[t]}))}catch(s){if(V(s))return;throw s}u(`Terminating ${t}.`),await S({what:`${t} to shut down`,timeoutSeconds:300,pollIntervalSeconds:n,signal:new AbortController().signal,check:o(async()=>{let s=(await We(e,t))?.State?.Name??"terminated";return s==="shutting-down"||s==="terminated"?{done:!0,value:s}:{done:!1,status:s}},"check")})}o(Q,"terminateInstance");function q(e){J&&Y({...J,settled:e})}o(q,"markSettled");async function He(e,t){let{Reservations:n}=await p(h,e).send(new K({Filters:[{Name:"client-token",Values:[t]}]}));return(n??[]).flatMap(i=>(i.Instances??[]).map(s=>s.InstanceId??"")).filter(Boolean)}o(He,"instancesByToken");import{createHash as Rt}from"node:crypto";import{existsSync as Tt,readFileSync as Pt,statSync as At}from"node:fs";import{isAbsolute as Ot,resolve as Et}from"node:path";import{readFileSync as Ct}from"node:fs";import{basename as wt,extname as xt,isAbsolute as St,resolve as bt}from"node:path";var Be={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};var Ge={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$bad"`};var Ve=`R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,Xe={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${Ve}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`},Ze={name:"ssm-agent-running",description:"The SSM agent is installed and running",severity:"error",expectExitCode:0,script:`${Ve}
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
exit 1`};var Ke={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};var Je={name:"no-ssh-authorized-keys",description:"No SSH authorized_keys left from the bake under /root or /home",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};function Ye(e){return`R=$AMI_ACTION_ROOT
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
)`}o(Ye,"sshdValue");var Qe={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${Ye("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},qe={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${Ye("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var et={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var tt={name:"baseline",platforms:["Linux"],imageChecks:!0,checks:[Je,Ke,Be,Qe,qe,et,Xe,Ze,Ge]};var z={baseline:tt},nt=k().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/,"letters, digits, space and . _ : / -"),kt=X({id:nt.optional(),name:nt.optional(),description:k().optional(),command:k().min(1),"expect-exit-code":ue().int().min(0).max(255).default(0),"expect-output":k().refine(e=>{try{return new RegExp(e),!0}catch{return!1}},"a valid regular expression").optional(),severity:Z(["error","warning"]).default("error")}).refine(e=>(e.id??e.name)!==void 0&&!(e.id&&e.name),{message:"give each check an id (or a name), not both"}),vt=X({name:k().optional(),platform:Z(["Linux","Windows"]).optional(),checks:pe(kt).min(1)});async function ot(e,t){let n=z[e];if(n)return n;let i=St(e)?e:bt(t,e),s;try{s=Ct(i,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(z).join(", ")}) nor a readable file (looked for ${i}).`)}let{parseYaml:a}=await import("./yaml-RPUL3DN6.js"),r=vt.safeParse(a(s));if(!r.success){let m=r.error.issues.map(l=>`${l.path.join(".")||"(top)"}: ${l.message}`);throw new Error(`Compliance profile ${e} is not valid:
${m.join(`
`)}`)}let c=r.data.checks.map(m=>m.id??m.name),d=c.find((m,l)=>c.indexOf(m)!==l);if(d)throw new Error(`Compliance profile ${e} names the check "${d}" twice.`);return{name:r.data.name??wt(e,xt(e)),platforms:r.data.platform?[r.data.platform]:["Linux","Windows"],checks:r.data.checks.map(m=>({name:m.id??m.name,description:m.description,severity:m.severity,script:m.command,expectExitCode:m["expect-exit-code"],expectOutput:m["expect-output"]}))}}o(ot,"loadProfile");function _t(e,t,n="Linux"){let i=Ot(e)?e:Et(t,e),s=!/\s/.test(e)&&Tt(i)&&At(i).isFile(),a=s?Pt(i,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:s&&n==="Linux"?Mt(a):a}}o(_t,"smokeCheck");function Mt(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let t=`AMI_ACTION_SCRIPT_${Rt("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${t}'`,e.replace(/\n?$/,""),t,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}o(Mt,"withInterpreter");async function st(e,t,n){let i=e.smoke.map(r=>({suite:"smoke",check:_t(r,n,t)})),s=await Promise.all(e.compliance.map(r=>ot(r,n))),a=[];for(let r of s){if(!r.platforms.includes(t)){a.push(`${r.name} (written for ${r.platforms.join(", ")}; this AMI is ${t})`);continue}for(let c of r.checks){let d=r===z.baseline?`export AMI_ACTION_ALLOWED_PORTS='${e.allowedPorts.join(" ")}'
${c.script}`:c.script;i.push({suite:"compliance",profile:r.name,check:{...c,script:d}})}}return{checks:i,profiles:s,skipped:a}}o(st,"planChecks");import{mkdirSync as Ft,writeFileSync as zt}from"node:fs";import{join as Wt}from"node:path";function O(e){return!e.passed&&e.severity==="error"}o(O,"isFailure");function ee(e){let t=e.filter(O).length,n=e.filter(i=>!i.passed&&i.severity==="warning").length;return{passed:e.length-t,failed:t,warnings:n}}o(ee,"countResults");function M(e){return e.profile?`${e.suite}/${e.profile}`:e.suite}o(M,"suiteName");var Nt=/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g,Lt=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;function W(e){return e.replace(Nt,"")}o(W,"stripAnsi");function I(e){return W(e).replace(Lt,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}o(I,"escapeXml");function Dt(e){let t=[e.stdout,e.stderr?`--- stderr ---
${e.stderr}`:""];return e.truncated&&t.push("--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---"),t.filter(Boolean).join(`
`)}o(Dt,"output");function jt(e,t){let n=`name="${I(e.name)}" classname="${I(t)}" time="${e.seconds.toFixed(3)}"`,i=[],s=!e.passed&&e.severity==="warning";if(!e.passed&&!s){let r=e.message??"failed";i.push(`      <failure message="${I(r)}" type="${e.suite}">${I([r,e.exitCode===void 0?"":`exit code ${e.exitCode}`].filter(Boolean).join(`
`))}</failure>`)}let a=[s?`warning: ${e.message??"failed"}`:"",Dt(e)].filter(Boolean).join(`
`);return a&&i.push(`      <system-out>${I(a)}</system-out>`),i.length?`    <testcase ${n}>
${i.join(`
`)}
    </testcase>`:`    <testcase ${n}/>`}o(jt,"testcase");function it(e,t,n){let i=new Map;for(let c of e){let d=M(c);i.set(d,[...i.get(d)??[],c])}let s=o(c=>c.reduce((d,m)=>d+m.seconds,0).toFixed(3),"total"),a=o(c=>c.filter(O).length,"failures"),r=['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites name="${I(t)}" tests="${e.length}" failures="${a(e)}" errors="0" time="${s(e)}">`];for(let[c,d]of i)r.push(`  <testsuite name="${I(c)}" tests="${d.length}" failures="${a(d)}" errors="0" skipped="0" time="${s(d)}" timestamp="${n.toISOString()}">`,...d.map(m=>jt(m,`${t}.${c}`)),"  </testsuite>");return r.push("</testsuites>",""),r.join(`
`)}o(it,"junitXml");var rt=160;function Ut(e){let t=W(e.passed?e.stdout:[e.message,e.stderr||e.stdout].filter(Boolean).join(" ")).replace(/\s+/g," ").trim(),n=t.length>rt?`${t.slice(0,rt)}\u2026`:t;return I(`${n}${e.truncated?" (output truncated by SSM)":""}`)}o(Ut,"excerpt");function Ht(e,t,n){let{passed:i,failed:s,warnings:a}=ee(t);ge(`Test of ${e}: ${s?"failed":"passed"} (${i} passed, ${s} failed${a?`, ${a} with a warning`:""})`,["check","result","exit code","duration","excerpt"],t.map(r=>[I(`${M(r)}: ${r.name}`),r.passed?"\u2705 passed":r.severity==="warning"?"\u26A0\uFE0F warning":"\u274C failed",r.exitCode??"\u2013",v(r.seconds),Ut(r)||"\u2013"]));for(let r of n)$e(I(r))}o(Ht,"summarizeResults");function Bt(e){for(let t of e.filter(n=>!n.passed)){let n=W([t.stderr,t.stdout].filter(Boolean).join(`
`)).trim();oe([t.message,t.description,n.slice(0,1e3)].filter(Boolean).join(`
`),{title:`Check failed: ${M(t)}: ${t.name}`})}}o(Bt,"annotateFailures");function at(e){let{passed:t,failed:n}=ee(e.results);Ft(e.reportDir,{recursive:!0});let i=Wt(e.reportDir,`test-${e.amiId}-${process.pid}.xml`);zt(i,it(e.results,`ami-action test ${e.amiId}`,e.testedAt)),w("result",e.failed?"failed":"passed"),w("passed",String(t)),w("failed",String(n)),w("report",i),Ht(e.amiId,e.results,[...e.notes,`JUnit report: ${i}`]),Bt(e.results)}o(at,"reportResults");async function ct(e,t,n,i){let s={[y.test]:n?"passed":"failed",[y.testedAt]:i.toISOString()};try{await p(h,e).send(new Se({Resources:[t],Tags:E(s)})),u(`Tagged ${t}: ${y.test}=${s[y.test]}, ${y.testedAt}=${s[y.testedAt]}.`)}catch(a){x(`Could not tag ${t} with the test result: ${await ce(a)}`)}}o(ct,"tagResult");async function Xo(e,t){let i=Date.now()+e.timeout*1e3,s=e.region,{amiId:a,amis:r}=fe(e);he(s,r,Object.keys(e.amis??{}));let c=await R(`Inspect ${a}`,()=>Ne(s,a)),d=e.instanceType??Le(c),m=await st(e,c.platform,t.workspace);for(let f of m.skipped)x(`Compliance profile ${f}: skipped.`);let l=m.profiles.some(f=>f.imageChecks)?De(c.image):[];if(u(`${a}: ${c.platform} ${c.architecture}; launching ${d}, then ${m.checks.length} check(s) with ${Ee(c.platform)}.`),e.dryRun){for(let f of l)u(`${f.passed?"passed":"FAILED"}: ${f.name}`);for(let{profile:f,check:B}of m.checks)u(`would run: ${f?`${f}/`:""}${B.name}`);u("dry-run: would launch the instance, run the checks above and terminate it. Nothing was started.");return}e.instanceProfile||se("No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region."),de();let b=Date.now(),g=await R("Launch",()=>ze({region:s,amiId:a,instanceType:d,subnetId:e.subnetId,securityGroupIds:e.securityGroupIds,instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp},t)),$=g.InstanceId;w("instance-id",$),u(`Launched ${$} (${d}) in ${g.Placement?.AvailabilityZone??s}.`);let te=o(()=>({timeoutSeconds:Math.max(1,(i-Date.now())/1e3),pollIntervalSeconds:e.pollInterval}),"timing"),C;try{await R("Wait for SSM",async()=>{await Ue(s,$,te()),await Pe({region:s,instanceId:$,instanceProfile:e.instanceProfile,associatePublicIp:e.associatePublicIp,...te()})});let f=Math.round((Date.now()-b)/1e3);w("boot-seconds",String(f)),u(`${$} is Online in SSM ${v(f)} after launch.`),l.push(...await R("Run checks",()=>Me(m.checks,{region:s,instanceId:$,platform:c.platform,executionTimeoutSeconds:e.commandTimeout,pollIntervalSeconds:e.pollInterval,deadline:i})))}catch(f){C=f}let U=C!==void 0||l.some(O);if(C instanceof me)throw await Xt(s,$),C;await R("Clean up",()=>Vt(e,s,$,U));let ne=new Date;if(at({amiId:a,results:l,failed:U,testedAt:ne,reportDir:Gt(t.tempDir,"ami-action"),notes:[`Instance ${$} (${d}).`,...C?[`The test did not finish: ${C.message}`]:[]]}),await ct(s,a,!U,ne),C)throw C;let H=l.filter(O);if(H.length){let f=H.map(B=>B.name);throw new Error(`${H.length} of ${l.length} checks failed: ${f.join(", ")}.`)}u(`All ${l.length} checks passed.`)}o(Xo,"run");async function Vt(e,t,n,i){if(i&&e.keepInstanceOnFailure){q("kept"),x([`keep-instance-on-failure: ${n} is still running so you can look into the failure.`,`Connect with Session Manager: aws ssm start-session --target ${n} --region ${t}`,`It costs money until removed: aws ec2 terminate-instances --instance-ids ${n} --region ${t}`].join(`
`));return}await Q(t,n,e.pollInterval),q("done")}o(Vt,"settleInstance");async function Xt(e,t){await p(h,e).send(new N({InstanceIds:[t]})).then(()=>u(`Terminating ${t}; the post step waits until it shuts down.`)).catch(n=>x(`Could not terminate ${t} yet: ${n.message}`))}o(Xt,"terminateQuickly");async function Zo(e){let t=Fe();if(!t||t.settled)return;let n=t.instanceId?[t.instanceId]:await He(t.region,t.clientToken);for(let i of n)u(`The main step did not finish; terminating its test instance ${i}.`),await Q(t.region,i,2)}o(Zo,"post");export{Zo as post,Xo as run};
