import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as Ce,c as X}from"./chunk-3CLUYR5I.js";import"./chunk-PDE4OMWB.js";import{a as Pe}from"./chunk-I3QKR6JZ.js";import{a as Ae}from"./chunk-XGNUWGP3.js";import{e as Re}from"./chunk-LCTULB5K.js";import"./chunk-J7HGLLZL.js";import{a as ve}from"./chunk-X2VFCHGB.js";import{a as $e,b as ye}from"./chunk-DEBCMP3M.js";import{b as Ie,e as y,f as j,h as Se,l as Te,o as ke}from"./chunk-6ZP26WWC.js";import"./chunk-I4S3E5UD.js";import{A as U,B as H,C as K,p as we,x as xe,z as E}from"./chunk-K6Q423RC.js";import{b as be}from"./chunk-QFAQOHOR.js";import{b as V,c as O}from"./chunk-VIQIDNYH.js";import{a as ne}from"./chunk-YN3JKBPR.js";import{b as he}from"./chunk-AAY3UDGA.js";import{B as ge,b as R,c as me,e as ue,g as ee,j as te}from"./chunk-ZXBHDQRX.js";import"./chunk-CDVAAAF2.js";import{a as z,b as D,e as P,f as B,g as W}from"./chunk-67FFLL6E.js";import"./chunk-CONCB4YD.js";import{b as x,d as N,e as I,f as G,g as v,n as w}from"./chunk-DPGROEPH.js";import{e as fe}from"./chunk-JBWC34PD.js";import"./chunk-EOJFG3UG.js";import"./chunk-SJYYJIUL.js";import"./chunk-KACEDX5G.js";import"./chunk-4F7ADDFU.js";import"./chunk-PK2HIIY3.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import{a as c}from"./chunk-MZGHBXLJ.js";import{join as ln}from"node:path";var Y=class extends U(H,K,"DescribeSubnets",we){static{c(this,"DescribeSubnetsCommand")}};var Z=class extends U(H,K,"RunInstances",xe){static{c(this,"RunInstancesCommand")}};var se=c((e,t)=>e&&t?Math.max(0,(t.getTime()-e.getTime())/1e3):void 0,"seconds");function Oe(e,t,n){return{launchToRunning:se(e,t),runningToOnline:se(t,n),total:se(e,n)}}c(Oe,"bootTiming");function St(e){for(let t=0;t<e.length-1;t++){if(!/[-_./ ]/.test(e[t]))continue;let n=e.slice(t+1);if(t>0&&/^v?\d[\d.:_+/ TZ-]*$/.test(n))return e.slice(0,t+1)}}c(St,"namePrefix");var ie=c(e=>{let t=Number(e[y.bootSeconds]);return e[y.bootSeconds]!==void 0&&Number.isFinite(t)&&t>0?t:void 0},"bootSecondsOf");async function Ee(e,t,n){let s=[];if(n){let r=(await Re(e,n))?.value?.trim();if(!r)s.push(`ssm-parameter ${n} does not exist in ${e} yet`);else if(r===t.imageId)s.push(`ssm-parameter ${n} already names ${r}`);else{let{Images:d}=await Se(e).send(new Ie({ImageIds:[r]})),p=d?.[0],u=Object.fromEntries((p?.Tags??[]).map(m=>[m.Key??"",m.Value??""])),g=ie(u);if(p&&g!==void 0)return{amiId:r,name:p.Name??"",seconds:g,source:`ssm-parameter ${n}`};s.push(p?`${r} (ssm-parameter ${n}) has no ${y.bootSeconds} tag: it was not tested by this mode since it records boot times`:`${r} (ssm-parameter ${n}) is not visible in ${e}`)}}let i=St(t.name);if(!i)return s.push(`the name "${t.name}" has no version or date part to find earlier AMIs of the same name by (give ssm-parameter)`),{missing:s.join("; ")};let a=t.creationDate?Date.parse(t.creationDate):Number.POSITIVE_INFINITY,l=(await ke(e,[{Name:"name",Values:[`${i}*`]},{Name:`tag:${y.test}`,Values:["passed"]}])).filter(r=>r.imageId!==t.imageId&&ie(r.tags)!==void 0).filter(r=>!r.creationDate||Date.parse(r.creationDate)<a).sort((r,d)=>Date.parse(d.creationDate??"")-Date.parse(r.creationDate??""))[0];return l?{amiId:l.imageId,name:l.name,seconds:ie(l.tags),source:`name prefix "${i}"`}:(s.push(`no earlier AMI of this account named "${i}*" passed a test with a ${y.bootSeconds} tag`),{missing:s.join("; ")})}c(Ee,"bootBaseline");function je(e,t,n){if(!n.length)return;let s=n.reduce((u,g)=>g.seconds>u.seconds?g:u),i=Math.round(s.seconds),a="percent"in e?t.seconds*(1+e.percent/100):t.seconds+e.seconds,o=i<=a,l=i-t.seconds,r=Math.round(l/t.seconds*100),d=l===0?`as fast as the ${t.seconds}s`:`${Math.abs(l)}s (${Math.abs(r)}%) ${l>0?"slower":"faster"} than the ${t.seconds}s`,p=`boot-time-gate ${e.text}: ${s.instanceType} reached SSM Online ${i}s after launch, ${d} of ${t.amiId}${t.name?` (${t.name})`:""}, the baseline by ${t.source}; at most ${Math.round(a*10)/10}s allowed${o?"":`, over by ${Math.round((i-a)*10)/10}s`}.`;return{passed:o,slowest:{instanceType:s.instanceType,seconds:i},allowedSeconds:a,message:p}}c(je,"judgeBoot");var Tt={Linux:{x86_64:"t3.micro",arm64:"t4g.micro"},Windows:{x86_64:"t3.medium",arm64:"t4g.medium"}};function Le(e){if(!(e.architecture==="x86_64"||e.architecture==="arm64"))return`AMI ${e.imageId} is ${e.architecture}; mode test launches x86_64 and arm64 images only.`}c(Le,"unsupportedArchitecture");function _e(e){return Tt[e.platform][e.architecture==="arm64"?"arm64":"x86_64"]}c(_e,"defaultInstanceType");var kt=[{name:"imds-v2-required",severity:"warning",description:"Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)",passes:c(e=>e.imdsSupport==="v2.0","passes"),fix:'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")'},{name:"ena-support",severity:"warning",description:"Enhanced networking (ENA) is enabled",passes:c(e=>e.enaSupport===!0,"passes"),fix:"enable ENA on the build instance before imaging (Packer: ena_support = true)"},{name:"root-volume-encrypted",severity:"warning",description:"The root volume snapshot is encrypted",passes:c(e=>e.rootEncrypted===!0,"passes"),fix:"encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key"},{name:"not-public",severity:"error",description:"The AMI is not shared publicly",passes:c(e=>!e.public,"passes"),fix:'remove the launch permission for group "all"'},{name:"hvm",severity:"error",description:"Hardware virtual machine (HVM) virtualization",passes:c(e=>e.virtualizationType==="hvm","passes"),fix:"rebuild from an HVM source AMI (paravirtual is retired)"}];function Me(e){return kt.map(t=>{let n=t.passes(e);return{suite:"compliance",profile:"baseline",name:t.name,description:t.description,severity:t.severity,passed:n,seconds:0,stdout:"",stderr:"",truncated:!1,message:n?void 0:`${t.description}: not so for ${e.imageId}. Fix: ${t.fix}.`}})}c(Me,"imageChecks");async function At(e){let{Subnets:t}=await O(E,e).send(new Y({Filters:[{Name:"default-for-az",Values:["true"]}]})),n=[...t??[]].sort((s,i)=>(s.AvailabilityZone??"").localeCompare(i.AvailabilityZone??""))[0];if(!n?.SubnetId)throw new Error(`${e} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);return n.SubnetId}c(At,"defaultSubnet");function Rt(e){if(e)return e.startsWith("arn:")?{Arn:e}:{Name:e}}c(Rt,"profileReference");async function Fe(e,t){let n=ye(t.context,["test",e.region,e.amiId,process.env.GITHUB_ACTION??"",...e.tokenPart?[e.tokenPart]:[]]),s=t.record({kind:"terminate-instances",region:e.region,clientToken:n,instanceIds:[]}),i=e.subnetId??await At(e.region),a={Name:`ami-action test ${e.amiId}`,[y.runId]:he(t.context),[y.purpose]:"test"},{Instances:o}=await O(E,e.region).send(new Z({ClientToken:n,ImageId:e.amiId,InstanceType:e.instanceType,MinCount:1,MaxCount:1,IamInstanceProfile:Rt(e.instanceProfile),MetadataOptions:{HttpTokens:"required",HttpEndpoint:"enabled",HttpPutResponseHopLimit:2},NetworkInterfaces:[{DeviceIndex:0,SubnetId:i,Groups:e.securityGroupIds.length?e.securityGroupIds:void 0,AssociatePublicIpAddress:e.associatePublicIp,DeleteOnTermination:!0}],InstanceInitiatedShutdownBehavior:"terminate",TagSpecifications:[{ResourceType:"instance",Tags:j(a)},{ResourceType:"volume",Tags:j(a)}]})),l=o?.[0];if(!l?.InstanceId)throw new Error("RunInstances returned no instance.");s.update({instanceIds:[l.InstanceId]});let r=l.State?.Name;if(r==="shutting-down"||r==="terminated")throw new Error(`This attempt already launched ${l.InstanceId} (same client token) and it is ${r}; re-run the job to start a new attempt.`);return{instance:l,undo:s}}c(Fe,"launchInstance");function Ne(e,t,n){return be({what:`${t} to be running`,deadline:n.deadline,pollIntervalSeconds:n.pollIntervalSeconds,check:c(async()=>{let s=await Ce(e,t,"poll"),i=s?.State?.Name??"not visible yet";if(i==="running")return{done:!0,value:s};if(i==="shutting-down"||i==="terminated"||i==="stopped"){let a=s?.StateReason?.Message??s?.StateTransitionReason??"";throw new Error(`${t} is ${i} before it ever ran${a?`: ${a}`:""}.`)}return{done:!1,status:i}},"check")})}c(Ne,"waitUntilRunning");function T(e){return!e.passed&&e.severity==="error"}c(T,"isFailure");function q(e){let t=e.filter(T).length,n=e.filter(s=>!s.passed&&s.severity==="warning").length;return{passed:e.length-t,failed:t,warnings:n}}c(q,"countResults");function L(e){let t=e.profile?`${e.suite}/${e.profile}`:e.suite;return e.instanceType?`${e.instanceType}/${t}`:t}c(L,"suiteName");var k=Object.values(ne),Pt=c(e=>e.fixAvailable==="YES"||e.fixAvailable==="PARTIAL","fixable");function Ge(e){let t=Object.fromEntries(k.map(n=>[n,0]));for(let n of e)t[n.severity]=(t[n.severity]??0)+1;return t}c(Ge,"countBySeverity");function ze(e,t){let n={},s=[],i=[];for(let a of k){let o=t.limits[a];if(o===void 0)continue;let l=e.filter(r=>r.severity===a&&(!t.fixableOnly||Pt(r)));n[a]=l.length,l.length>o&&(s.push(...l),i.push(`${l.length} ${a}${t.fixableOnly?" with a fix":""} (limit ${o})`))}return{passed:s.length===0,counted:n,failing:s,over:i}}c(ze,"judge");function _(e){return e.title&&e.title!==e.vulnerabilityId?`${e.vulnerabilityId} (${e.title})`:e.vulnerabilityId}c(_,"findingLabel");function De(e){let t=c(n=>Math.max(0,...e.map(s=>s[n]??0)),"worst");return Object.entries(ne).filter(([,n])=>n!=="UNTRIAGED"||t(n)>0).map(([n,s])=>`${n}=${t(s)}`).join(",")}c(De,"countsTag");function Be(e,t,n,s){let i={suite:"vulnerabilities",instanceType:s,severity:"error",seconds:0,stderr:"",truncated:!1},a=k.map(o=>`${o} ${n[o]}`).join(", ");return e.passed?[{...i,name:`vulnerability-gate ${t.text}`,description:"Amazon Inspector findings within the gate",passed:!0,stdout:`Findings: ${a}.`}]:e.failing.map(o=>({...i,name:_(o),passed:!1,stdout:[`${o.severity}, fix available: ${o.fixAvailable}`,...o.packages.map(l=>`package: ${l}`)].join(`
`),message:`${o.severity} ${o.vulnerabilityId}: ${o.title} (fix available: ${o.fixAvailable}); over vulnerability-gate ${t.text}: ${e.over.join(", ")}.`}))}c(Be,"gateResults");function Ve(e){return{instanceType:e,instanceId:"",results:[]}}c(Ve,"newLaneRun");function M(e){return Oe(e.launchedAt,e.runningAt,e.onlineAt)}c(M,"laneBoot");function Ot(e,t,n){let s=n==="Windows"?`$env:AMI_ACTION_INSTANCE_TYPE = '${t}'`:`export AMI_ACTION_INSTANCE_TYPE='${t}'`;return{...e,check:{...e.check,script:`${s}
${e.check.script}`}}}c(Ot,"typed");function Ue(e,t){let{config:n,amiId:s,platform:i}=t,a=n.region,o=e.instanceType,l=t.several?`${e.instanceId||o} (${o})`:e.instanceId,r=c(()=>({region:a,instanceId:e.instanceId,platform:i,executionTimeoutSeconds:n.commandTimeout,pollIntervalSeconds:n.pollInterval,deadline:t.scope.deadline,instanceType:t.several?o:void 0}),"target"),d=c(async m=>{try{return await m()}catch($){throw n.keepInstanceOnFailure&&e.launched&&We(e,a),$}},"keepingOnFailure"),p=t.several?t.checks.map(m=>Ot(m,o,i)):t.checks,u=[P(`launch ${o} from ${s}`,[{call:"ec2:RunInstances",detail:`${o}, IMDSv2 required, tagged ami-action:run-id`}],async m=>{!n.instanceProfile&&t.primary&&G("No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region.");let{instance:$,undo:h}=await Fe({region:a,amiId:s,instanceType:o,subnetId:n.subnetId,securityGroupIds:n.securityGroupIds,instanceProfile:n.instanceProfile,associatePublicIp:n.associatePublicIp,tokenPart:t.several?o:void 0},m);e.launched=h,e.instanceId=$.InstanceId,e.launchedAt=$.LaunchTime??V(),t.primary&&x("instance-id",e.instanceId),v(`Launched ${e.instanceId} (${o}) in ${$.Placement?.AvailabilityZone??a}.`)}),B("the instance to be running",m=>d(async()=>{await Ne(a,e.instanceId,m),e.runningAt=V()})),B("SSM to see the instance Online",m=>d(async()=>{let{waitForAgent:$}=await import("./ssm-LSSWNYSH.js");await $({...r(),instanceProfile:n.instanceProfile,associatePublicIp:n.associatePublicIp,deadline:m.deadline}),e.onlineAt=V();let h=M(e);v(`${t.several?`${e.instanceId} (${o})`:e.instanceId} is Online in SSM ${w(h.total??0)} after launch (running after ${w(h.launchToRunning??0)}, then ${w(h.runningToOnline??0)} until SSM saw it).`)})),...p.map(m=>P(`run: ${Pe(m)}`,[],()=>d(async()=>{let{runCheck:$}=await import("./ssm-LSSWNYSH.js");e.results.push(await $(m,r()))})))];t.inspect&&u.push(B("Amazon Inspector to scan the instance; read its findings",m=>d(async()=>{let $=await import("./inspector-ZKBWCUGY.js"),h=await $.waitForScan({region:a,instanceId:e.instanceId,launchedAt:e.launchedAt??new Date(0),deadline:m.deadline,pollIntervalSeconds:n.pollInterval});e.findings=await $.instanceFindings(a,e.instanceId),e.counts=Ge(e.findings),t.gate&&(e.verdict=ze(e.findings,t.gate));let C=Object.entries(e.counts).filter(([,S])=>S>0).map(([S,F])=>`${F} ${S}`);v(`Amazon Inspector scanned ${l||e.instanceId} at ${h.toISOString()}: ${C.length?C.join(", "):"no active findings"}.`)})));let g=t.sbom;return g&&u.push(P("export the SBOM of the instance (CycloneDX)",[{call:"inspector2:CreateSbomExport",detail:`CycloneDX 1.4 to s3://${g.bucket}/${g.prefix}, encrypted with ${g.kmsKeyArn}`}],m=>d(async()=>{let{exportSbom:$}=await import("./inspector-ZKBWCUGY.js");e.sbomUri=await $({region:a,instanceId:e.instanceId,...g,deadline:m.deadline,pollIntervalSeconds:n.pollInterval}),x("sbom-uri",e.sbomUri),v(`SBOM of ${e.instanceId} exported to ${e.sbomUri}`)}))),u.push(P("terminate the instance (or keep it, with keep-instance-on-failure, when a check failed)",[{call:"ec2:TerminateInstances",detail:"the test instance"}],async m=>{let $=e.results.some(T)||e.verdict?.passed===!1;if(n.keepInstanceOnFailure&&$&&e.launched){We(e,a);return}await X(a,[e.instanceId],{deadline:m.deadline,pollIntervalSeconds:n.pollInterval,wait:!0}),e.launched?.settle()})),u}c(Ue,"laneSteps");function We(e,t){e.launched?.settle();let n=e.instanceId;I([`keep-instance-on-failure: ${n} (${e.instanceType}) is still running so you can look into the failure.`,`Connect with Session Manager: aws ssm start-session --target ${n} --region ${t}`,`It costs money until removed: aws ec2 terminate-instances --instance-ids ${n} --region ${t}`].join(`
`))}c(We,"keepInstance");import{createHash as Dt}from"node:crypto";import{existsSync as Bt,readFileSync as Wt,statSync as Vt}from"node:fs";import{isAbsolute as Ut,resolve as Ht}from"node:path";import{readFileSync as Lt}from"node:fs";import{basename as _t,extname as Mt,isAbsolute as Ft,resolve as Nt}from"node:path";var He={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};var Ke={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$bad"`};var Xe=`R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,Ye={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${Xe}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`},Ze={name:"ssm-agent-running",description:"The SSM agent is installed and running",severity:"error",expectExitCode:0,script:`${Xe}
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
exit 1`};var qe={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
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
exit "$found"`};function Qe(e){return`R=$AMI_ACTION_ROOT
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
)`}c(Qe,"sshdValue");var et={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${Qe("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},tt={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${Qe("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var nt={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var st={name:"baseline",platforms:["Linux"],imageChecks:!0,allowedPorts:!0,checks:[Je,qe,He,et,tt,nt,Ye,Ze,Ke]};var it={name:"no-build-time-local-passwords",description:"No enabled local account (the built-in Administrator included) logs in with a password that came with the AMI, or with none",severity:"error",expectExitCode:0,script:`$ErrorActionPreference = 'Stop'
$booted = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime
$bad = 0
foreach ($user in Get-LocalUser | Where-Object { $_.Enabled }) {
  $label = $user.Name
  if ($user.SID.Value -like 'S-1-5-21-*-500') { $label = "$($user.Name) (the built-in Administrator)" }
  if (-not $user.PasswordRequired) {
    Write-Output "$label is enabled and needs no password"
    $bad = 1
  } elseif ($null -ne $user.PasswordLastSet -and $user.PasswordLastSet -lt $booted) {
    Write-Output "$label keeps a password set $($user.PasswordLastSet.ToString('u')), before this instance booted $($booted.ToString('u')): it came with the AMI (let EC2Launch set a random one at launch, or disable the account)"
    $bad = 1
  } else {
    Write-Output "\${label}: password set at launch"
  }
}
exit $bad`};var Et=["ProgramData/Amazon/EC2Launch/config/agent-config.yml","ProgramData/Amazon/EC2Launch/sysprep/unattend.xml","ProgramData/Amazon/EC2-Windows/Launch/Config/LaunchConfig.json","ProgramData/Amazon/EC2-Windows/Launch/Sysprep/Unattend.xml","Windows/Panther/Unattend.xml","Windows/Panther/Unattend/Unattend.xml","Windows/System32/Sysprep/unattend.xml"],jt=[{what:"a password value",pattern:String.raw`^[ \t]*(admin)?password[ \t]*:[ \t]*['"]?[^'"\s#]`,flags:"m"},{what:"a static password (EC2Launch v2 setAdminAccount)",pattern:String.raw`password[ \t]*:[ \t]*\r?\n[ \t]+type[ \t]*:[ \t]*['"]?static\b`,flags:"m"},{what:"adminPassword (EC2Launch v1)",pattern:String.raw`"adminPassword"\s*:\s*"[^"]+"`,flags:"m"},{what:"a Sysprep answer file password",pattern:String.raw`<(AdministratorPassword|Password)>\s*<Value>(?!\*SENSITIVE\*DATA\*DELETED\*)[^<]+</Value>`,flags:"s"}],re=c(e=>`'${e.replace(/'/g,"''")}'`,"quoted"),ot={name:"no-ec2launch-secrets",description:"No EC2Launch configuration or Sysprep answer file keeps a password",severity:"error",expectExitCode:0,script:`$root = $env:AMI_ACTION_ROOT
if (-not $root) { $root = "$env:SystemDrive/" }
$patterns = @(
${jt.map(e=>`  @(${re(`(?${e.flags})${e.pattern}`)}, ${re(e.what)})`).join(`,
`)}
)
$bad = 0
foreach ($relative in @(${Et.map(re).join(", ")})) {
  $path = Join-Path -Path $root -ChildPath $relative
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
  $text = Get-Content -LiteralPath $path -Raw
  if ($null -eq $text) { continue }
  foreach ($entry in $patterns) {
    if ($text -match $entry[0]) {
      Write-Output "$relative keeps $($entry[1]): remove it before imaging (EC2Launch settings, or let Sysprep delete it)"
      $bad = 1
      break
    }
  }
}
if ($bad -eq 0) { Write-Output 'no EC2Launch or Sysprep file keeps a password' }
exit $bad`};var rt={name:"windows-update-not-disabled",description:"The Windows Update service (wuauserv) is installed and not disabled, so patches can be installed",severity:"error",expectExitCode:0,script:`$service = Get-Service -Name wuauserv -ErrorAction SilentlyContinue
if ($null -eq $service) {
  Write-Output 'The Windows Update service (wuauserv) is missing'
  exit 1
}
if ("$($service.StartType)" -eq 'Disabled') {
  Write-Output 'Windows Update (wuauserv) is disabled: set its start type to Manual or Automatic so patches can be installed'
  exit 1
}
Write-Output "Windows Update (wuauserv): start type $($service.StartType), $($service.Status)"
exit 0`},at={name:"ssm-agent-running",description:"The SSM agent (AmazonSSMAgent) runs and starts automatically",severity:"error",expectExitCode:0,script:`$agent = Get-Service -Name AmazonSSMAgent -ErrorAction SilentlyContinue
if ($null -eq $agent) {
  Write-Output 'The SSM agent service (AmazonSSMAgent) is not installed'
  exit 1
}
if ("$($agent.Status)" -ne 'Running' -or "$($agent.StartType)" -ne 'Automatic') {
  Write-Output "AmazonSSMAgent is $($agent.Status) with start type $($agent.StartType); it must run and start automatically"
  exit 1
}
Write-Output 'AmazonSSMAgent is running and starts automatically'
exit 0`},ct={name:"firewall-on",description:"Windows Defender Firewall is on for the domain, private and public profiles",severity:"error",expectExitCode:0,script:`$bad = 0
foreach ($zone in Get-NetFirewallProfile) {
  if ("$($zone.Enabled)" -eq 'False') {
    Write-Output "firewall profile $($zone.Name) is OFF"
    $bad = 1
  } else {
    Write-Output "firewall profile $($zone.Name) is on"
  }
}
exit $bad`},lt={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`$allowed = @("$env:AMI_ACTION_ALLOWED_PORTS" -split '[,\\s]+' | Where-Object { $_ } | ForEach-Object { [int]$_ })
$listening = Get-NetTCPConnection -State Listen | Where-Object { $_.LocalAddress -notmatch '^(127\\.|::1$)' } | Sort-Object -Property LocalPort
$seen = @{}
$bad = 0
foreach ($socket in $listening) {
  $port = [int]$socket.LocalPort
  if ($seen.ContainsKey($port)) { continue }
  $seen[$port] = $true
  $process = (Get-Process -Id $socket.OwningProcess -ErrorAction SilentlyContinue).ProcessName
  if ($allowed -contains $port) {
    Write-Output "port $port listens ($process, allowed)"
  } else {
    Write-Output "port $port listens ($process) but is not in allowed-ports ($env:AMI_ACTION_ALLOWED_PORTS)"
    $bad = 1
  }
}
if ($seen.Count -eq 0) { Write-Output 'no TCP port listens beyond loopback' }
exit $bad`};var dt={name:"baseline",platforms:["Windows"],imageChecks:!0,allowedPorts:!0,checks:[it,rt,ot,at,ct,lt]};var pt={baseline:[st,dt]},mt=R().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/,"letters, digits, space and . _ : / -"),Gt=ee({id:mt.optional(),name:mt.optional(),description:R().optional(),command:R().min(1),"expect-exit-code":me().int().min(0).max(255).default(0),"expect-output":R().refine(e=>{try{return new RegExp(e),!0}catch{return!1}},"a valid regular expression").optional(),severity:te(["error","warning"]).default("error")}).refine(e=>(e.id??e.name)!==void 0&&!(e.id&&e.name),{message:"give each check an id (or a name), not both"}),zt=ee({name:R().optional(),platform:te(["Linux","Windows"]).optional(),checks:ue(Gt).min(1)});async function ut(e,t,n){let s=pt[e];if(s)return s.find(p=>!n||p.platforms.includes(n))??s[0];let i=Ft(e)?e:Nt(t,e),a;try{a=Lt(i,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(pt).join(", ")}) nor a readable file (looked for ${i}).`)}let{parseYaml:o}=await import("./yaml-3UJ2Z6LQ.js"),l=zt.safeParse(o(a));if(!l.success){let p=l.error.issues.map(u=>`${u.path.join(".")||"(top)"}: ${u.message}`);throw new Error(`Compliance profile ${e} is not valid:
${p.join(`
`)}`)}let r=l.data.checks.map(p=>p.id??p.name),d=r.find((p,u)=>r.indexOf(p)!==u);if(d)throw new Error(`Compliance profile ${e} names the check "${d}" twice.`);return{name:l.data.name??_t(e,Mt(e)),platforms:l.data.platform?[l.data.platform]:["Linux","Windows"],checks:l.data.checks.map(p=>({name:p.id??p.name,description:p.description,severity:p.severity,script:p.command,expectExitCode:p["expect-exit-code"],expectOutput:p["expect-output"]}))}}c(ut,"loadProfile");function Kt(e,t,n="Linux"){let s=Ut(e)?e:Ht(t,e),i=!/\s/.test(e)&&Bt(s)&&Vt(s).isFile(),a=i?Wt(s,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:i&&n==="Linux"?Xt(a):a}}c(Kt,"smokeCheck");function Xt(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let t=`AMI_ACTION_SCRIPT_${Dt("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${t}'`,e.replace(/\n?$/,""),t,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}c(Xt,"withInterpreter");async function ft(e,t,n){let s=e.smoke.map(o=>({suite:"smoke",check:Kt(o,n,t)})),i=await Promise.all(e.compliance.map(o=>ut(o,n,t))),a=[];for(let o of i){if(!o.platforms.includes(t)){a.push(`${o.name} (written for ${o.platforms.join(", ")}; this AMI is ${t})`);continue}for(let l of o.checks){let r=e.allowedPorts.join(" "),d=o.allowedPorts?t==="Windows"?`$env:AMI_ACTION_ALLOWED_PORTS = '${r}'
${l.script}`:`export AMI_ACTION_ALLOWED_PORTS='${r}'
${l.script}`:l.script;s.push({suite:"compliance",profile:o.name,check:{...l,script:d}})}}return{checks:s,profiles:i,skipped:a}}c(ft,"planChecks");import{mkdirSync as Qt,writeFileSync as en}from"node:fs";import{join as tn}from"node:path";var Yt=/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g,Zt=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;function J(e){return e.replace(Yt,"")}c(J,"stripAnsi");function A(e){return J(e).replace(Zt,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}c(A,"escapeXml");function qt(e){let t=[e.stdout,e.stderr?`--- stderr ---
${e.stderr}`:""];return e.truncated&&t.push("--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---"),t.filter(Boolean).join(`
`)}c(qt,"output");function Jt(e,t){let n=`name="${A(e.name)}" classname="${A(t)}" time="${e.seconds.toFixed(3)}"`,s=[],i=!e.passed&&e.severity==="warning";if(!e.passed&&!i){let o=e.message??"failed";s.push(`      <failure message="${A(o)}" type="${e.suite}">${A([o,e.exitCode===void 0?"":`exit code ${e.exitCode}`].filter(Boolean).join(`
`))}</failure>`)}let a=[i?`warning: ${e.message??"failed"}`:"",qt(e)].filter(Boolean).join(`
`);return a&&s.push(`      <system-out>${A(a)}</system-out>`),s.length?`    <testcase ${n}>
${s.join(`
`)}
    </testcase>`:`    <testcase ${n}/>`}c(Jt,"testcase");function ht(e,t,n){let s=new Map;for(let l of e){let r=L(l);s.set(r,[...s.get(r)??[],l])}let i=c(l=>l.reduce((r,d)=>r+d.seconds,0).toFixed(3),"total"),a=c(l=>l.filter(T).length,"failures"),o=['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites name="${A(t)}" tests="${e.length}" failures="${a(e)}" errors="0" time="${i(e)}">`];for(let[l,r]of s)o.push(`  <testsuite name="${A(l)}" tests="${r.length}" failures="${a(r)}" errors="0" skipped="0" time="${i(r)}" timestamp="${n.toISOString()}">`,...r.map(d=>Jt(d,`${t}.${l}`)),"  </testsuite>");return o.push("</testsuites>",""),o.join(`
`)}c(ht,"junitXml");var nn=160,ae=50;function le(e,t){let n=J(e).replace(/\s+/g," ").trim();return n.length>t?`${n.slice(0,t)}\u2026`:n}c(le,"clip");function sn(e){return`${le(e.passed?e.stdout:[e.message,e.stderr||e.stdout].filter(Boolean).join(" "),nn)}${e.truncated?" (output truncated by SSM)":""}`}c(sn,"excerpt");var on=c(e=>e.passed?"\u2705 passed":e.severity==="warning"?"\u26A0\uFE0F warning":"\u274C failed","verdictOf");function $t(e,t,n,s=""){let{passed:i,failed:a,warnings:o}=q(t);return`Test of ${e}${s}: ${n?"failed":"passed"} (${i} passed, ${a} failed${o?`, ${o} with a warning`:""})`}c($t,"headline");function de(e,t,n,s){z($t(e,t,s??q(t).failed>0),["check","result","exit code","duration","excerpt"],t.map(i=>[`${L(i)}: ${i.name}`,on(i),i.exitCode??"\u2013",w(i.seconds),sn(i)||"\u2013"]));for(let i of n)D(i)}c(de,"summarizeResults");var gt=c(e=>`${e.profile?`${e.suite}/${e.profile}`:e.suite}: ${e.name}`,"checkKey");function rn(e){return e?e.passed?`\u2705 ${w(e.seconds)}`:`${e.severity==="warning"?"\u26A0\uFE0F":"\u274C"} ${le(e.message??"failed",80)}`:"\u2013 not run"}c(rn,"cell");var ce=c(e=>e===void 0?"\u2013":w(e),"seconds");function yt(e,t,n,s,i){let a=[];for(let r of[...t,...n.flatMap(d=>d.results)]){let d=gt(r);a.includes(d)||a.push(d)}let o=a.map(r=>[r,...n.map(d=>rn([...t,...d.results].find(p=>gt(p)===r)))]);if(o.push(["instance",...n.map(r=>r.instanceId||"\u2013 not launched")],["boot: launch \u2192 running",...n.map(r=>ce(r.boot.launchToRunning))],["boot: running \u2192 SSM Online",...n.map(r=>ce(r.boot.runningToOnline))],["boot: launch \u2192 SSM Online",...n.map(r=>ce(r.boot.total))]),n.some(r=>r.counts))for(let r of k){let d=i?.limits[r]!==void 0;!d&&!n.some(p=>(p.counts?.[r]??0)>0)||o.push([`Inspector: ${r}${d?` (limit ${i?.limits[r]}${i?.fixableOnly?", fixable":""})`:""}`,...n.map(p=>an(p,r))])}o.push(["result",...n.map(r=>r.error?`\u274C did not finish: ${le(r.error,80)}`:r.results.some(d=>!d.passed&&d.severity==="error")||r.verdict?.passed===!1?"\u274C failed":"\u2705 passed")]);let l=[...t,...n.flatMap(r=>r.results)];z($t(e,l,s,` on ${n.map(r=>r.instanceType).join(", ")}`),["check",...n.map(r=>r.instanceType)],o)}c(yt,"summarizeByType");function an(e,t){if(!e.counts)return"\u2013";let n=e.counts[t]??0,s=e.verdict?.counted[t];return`${e.verdict?.failing.some(a=>a.severity===t)?"\u274C ":""}${n}${s!==void 0&&s!==n?` (${s} fixable)`:""}`}c(an,"severityCell");function bt(e){return k.filter(t=>t!=="UNTRIAGED"||e[t]>0).map(t=>`${t} ${e[t]}`).join(", ")}c(bt,"countsLine");function wt(e,t,n){let s=new Map;for(let o of e)for(let l of o.findings??[]){let r=`${l.vulnerabilityId}\0${l.title}\0${l.severity}`,d=s.get(r)??{finding:l,types:[],failing:!1};d.types.push(o.instanceType),d.failing||=!!o.verdict?.failing.includes(l),s.set(r,d)}if(!s.size)return;let i=c(o=>k.indexOf(o),"rank"),a=[...s.values()].sort((o,l)=>Number(l.failing)-Number(o.failing)||i(o.finding.severity)-i(l.finding.severity));z(`Amazon Inspector findings (${s.size})`,["finding","severity","fix available","package",...t?["instance types"]:[],...n?[`vulnerability-gate ${n.text}`]:[]],a.slice(0,ae).map(({finding:o,types:l,failing:r})=>[_(o),o.severity,o.fixAvailable,o.packages.join("; ")||"\u2013",...t?[l.join(", ")]:[],...n?[r?"\u274C over the limit":"\u2705 within"]:[]])),a.length>ae&&D(`\u2026and ${a.length-ae} more (every failing one is in the JUnit report).`)}c(wt,"summarizeFindings");function cn(e){for(let t of e.filter(n=>!n.passed&&n.suite!=="vulnerabilities")){let n=J([t.stderr,t.stdout].filter(Boolean).join(`
`)).trim(),s=[t.message,t.description,n.slice(0,1e3)].filter(Boolean).join(`
`),i=`${L(t)}: ${t.name}`;t.severity==="warning"?I(s,{title:`Check warning: ${i}`}):N(s,{title:`Check failed: ${i}`})}}c(cn,"annotateFailures");function xt(e){let{passed:t,failed:n}=q(e.results);Qt(e.reportDir,{recursive:!0});let s=tn(e.reportDir,`test-${e.amiId}-${process.pid}.xml`);en(s,ht(e.results,`ami-action test ${e.amiId}`,e.testedAt)),x("result",e.failed?"failed":"passed"),x("passed",String(t)),x("failed",String(n)),x("report",s);let i=[...e.notes,`JUnit report: ${s}`];if(e.summarize){e.summarize();for(let a of i)D(a)}else de(e.amiId,e.results,i,e.failed);cn(e.results)}c(xt,"reportResults");async function vt(e,t,n,s,i={}){let a={[y.test]:n?"passed":"failed",[y.testedAt]:s.toISOString(),...i};try{await O(E,e).send(new ve({Resources:[t],Tags:j(a)})),v(`Tagged ${t}: ${Object.entries(a).map(([o,l])=>`${o}=${l}`).join(", ")}.`)}catch(o){I(`Could not tag ${t} with the test result: ${await fe(o)}`)}}c(vt,"tagResult");async function dn(e,t,n,s){let i=e.region,a={inspect:!1};if(e.vulnerabilityGate||e.sbomBucket){let{ec2Scanning:o}=await import("./inspector-ZKBWCUGY.js"),l=await o(i),r=`turn it on (aws inspector2 enable --resource-types EC2 --region ${i}, or in the Amazon Inspector console)`;if(l.enabled?(a.inspect=!0,s.push(`Amazon Inspector scans EC2 instances in ${i}: each test instance's findings will be read.`)):e.vulnerabilityGate?n.push(`vulnerability-gate: Amazon Inspector's EC2 scanning is ${l.status} in this account in ${i}, so no test instance would ever be scanned. Fix: ${r}, or remove vulnerability-gate.`):(G(`sbom-bucket: Amazon Inspector's EC2 scanning is ${l.status} in this account in ${i}: no SBOM will be exported. To have one, ${r}.`),s.push(`No SBOM: Amazon Inspector's EC2 scanning is ${l.status} in ${i}.`)),a.inspect&&e.sbomBucket&&e.sbomKmsKey){let d=e.sbomPrefix?e.sbomPrefix.replace(/^\/+/,"").replace(/\/*$/,"/"):"";a.sbom={bucket:e.sbomBucket,prefix:d,kmsKeyArn:e.sbomKmsKey}}}return e.bootTimeGate&&(a.baseline=await Ee(i,t,e.ssmParameter),s.push("missing"in a.baseline?`boot-time-gate ${e.bootTimeGate.text}: no baseline to compare with (${a.baseline.missing}); the boot time is recorded for the next test.`:`boot-time-gate ${e.bootTimeGate.text}: compared with ${a.baseline.amiId} (${a.baseline.name}), ${a.baseline.seconds}s to SSM Online, found by ${a.baseline.source}.`)),a}c(dn,"planGates");async function bi(e,t){let n=e.region,{amiId:s,amis:i}=ge(e);$e(n,i,Object.keys(e.amis??{}));let a=await Te(n,s),o=[Le(a)].filter(h=>!!h),l=e.instanceTypes!==void 0,r=e.instanceTypes??[e.instanceType??_e(a)],d=await ft(e,a.platform,t.context.workspace);for(let h of d.skipped)I(`Compliance profile ${h}: skipped.`);let p=d.profiles.some(h=>h.imageChecks)?Me(a):[],u=[`${s}: ${a.platform} ${a.architecture}; launching ${r.join(", ")}${l?" (concurrently, an instance each)":""}, then ${d.checks.length} check(s) with ${Ae[a.platform]}.`,...p.map(h=>`${h.passed?"passed":"FAILED"}: ${h.name}`)],g=await dn(e,a,o,u),m=r.map(Ve),$=m.map((h,C)=>({name:l?h.instanceType:"",steps:Ue(h,{config:e,scope:t,amiId:s,platform:a.platform,checks:d.checks,several:l,inspect:g.inspect,gate:e.vulnerabilityGate,sbom:C===0?g.sbom:void 0,primary:C===0})}));return{facts:u,refusals:o,lanes:$,report:c(h=>pn(h,{config:e,amiId:s,runs:m,shared:p,several:l,gates:g,scope:t}),"report")}}c(bi,"plan");async function pn(e,t){if(e.dryRun){v(`dry-run: would launch ${t.runs.length>1?"the instances":"the instance"}, run the checks above${t.gates.inspect?", read what Amazon Inspector finds":""} and terminate ${t.runs.length>1?"them":"it"}. Nothing was started.`);return}if(e.refused||e.cancelled)return;let{amiId:n,config:s,runs:i,shared:a,several:o}=t,l=s.vulnerabilityGate,r=i.flatMap(f=>l&&f.verdict&&f.counts?Be(f.verdict,l,f.counts,o?f.instanceType:void 0):[]),d=[...a,...i.flatMap(f=>f.results),...r],p=e.lanes.filter(f=>f.error),u=i.flatMap(f=>{let b=M(f).total;return b===void 0?[]:[{instanceType:f.instanceType,seconds:b}]}),g=t.gates.baseline,m=s.bootTimeGate&&g&&!("missing"in g)?je(s.bootTimeGate,g,u):void 0,$=m?.passed===!1&&s.bootTimeGateMode==="fail";m&&!m.passed&&!$&&I(m.message,{title:"Boot time"});let h=p.length>0||d.some(T)||$,C=new Date,S=u.length?Math.round(Math.max(...u.map(f=>f.seconds))):void 0;S!==void 0&&x("boot-seconds",String(S));let F=i.map((f,b)=>({instanceType:f.instanceType,instanceId:f.instanceId,results:[...f.results,...r.filter(Ct=>Ct.instanceType===f.instanceType)],boot:M(f),counts:f.counts,verdict:f.verdict,findings:f.findings,error:e.lanes[b]?.error?W(e.lanes[b]):void 0}));xt({amiId:n,results:d,failed:h,testedAt:C,reportDir:ln(t.scope.context.tempDir,"ami-action"),notes:mn(t,e,m?.message),summarize:c(()=>{o?yt(n,a,F,h,l):de(n,d,[],h),wt(F,o,l)},"summarize")});for(let f of i){let b=It(f,l,o);b&&N(b,{title:`Vulnerability gate${o?`: ${f.instanceType}`:""}`})}let Q={};S!==void 0&&(Q[y.bootSeconds]=String(S));let pe=i.flatMap(f=>f.counts?[f.counts]:[]);if(pe.length&&(Q[y.vulnerabilities]=De(pe)),await vt(s.region,n,!h,C,Q),!h){let f=d.filter(b=>b.suite!=="vulnerabilities").length;v(`All ${f} checks passed${o?` on ${i.map(b=>b.instanceType).join(", ")}`:""}.`);return}if(!(!o&&p.length))throw new Error(un(t,e,$?m?.message:void 0))}c(pn,"report");function mn(e,t,n){let{runs:s,several:i,config:a}=e,o=[];for(let[r,d]of s.entries()){let p=t.lanes[r],u=M(d),g=i?`${d.instanceType}: `:"";if(i||o.push(`Instance ${d.instanceId||"(not launched)"} (${d.instanceType}).`),!i&&u.total!==void 0&&o.push(`Boot: ${w(u.total)} from launch to SSM Online (launch \u2192 running ${w(u.launchToRunning??0)}, running \u2192 SSM Online ${w(u.runningToOnline??0)}; on AWS's clock, to a poll interval).`),!i&&d.counts){let m=d.verdict?`; vulnerability-gate ${a.vulnerabilityGate?.text}: ${d.verdict.passed?"passed":`FAILED (${d.verdict.over.join(", ")})`}`:"";o.push(`Amazon Inspector findings on ${d.instanceId}: ${bt(d.counts)}${m}.`)}d.sbomUri&&o.push(`SBOM (CycloneDX 1.4) of ${d.instanceId}: ${d.sbomUri}`),p?.error&&o.push(`${g}The test did not finish: ${W(p)}`)}let l=e.gates.baseline;return n?o.push(n):l&&"missing"in l&&o.push(`boot-time-gate ${a.bootTimeGate?.text}: not applied, no baseline (${l.missing}).`),o}c(mn,"notes");function It(e,t,n){if(!t||!e.verdict||e.verdict.passed)return;let s=e.verdict.failing.slice(0,20).map(_),i=e.verdict.failing.length-s.length;return`vulnerability-gate ${t.text} failed${n?` on ${e.instanceType}`:""} (${e.instanceId}): ${e.verdict.over.join(", ")}: ${s.join("; ")}${i>0?`; and ${i} more (see the JUnit report)`:""}.`}c(It,"gateFailure");function un(e,t,n){let{runs:s,several:i,shared:a}=e,o=e.config.vulnerabilityGate,l=[],r=c(d=>{let p=d.filter(T);return p.length?`${p.length} of ${d.length} checks failed: ${p.map(u=>u.name).join(", ")}.`:void 0},"checksFailed");if(i){let d=r(a);d&&l.push(`the image: ${d}`);for(let[p,u]of s.entries()){let g=t.lanes[p];g?.error&&l.push(`${u.instanceType}: the test did not finish: ${W(g)}`);let m=r(u.results);m&&l.push(`${u.instanceType}: ${m}`)}}else{let d=r([...a,...s[0].results]);d&&l.push(d)}for(let d of s){let p=It(d,o,i);p&&l.push(p)}return n&&l.push(n),l.join(`
`)}c(un,"failureMessage");var wi={"terminate-instances":c(async(e,t)=>{let{instancesByToken:n}=await import("./instances-PDSXK5QL.js"),s=e.instanceIds.length?e.instanceIds:e.clientToken?await n(e.region,e.clientToken):[];if(await X(e.region,s,{deadline:t.deadline,pollIntervalSeconds:t.pollIntervalSeconds,wait:!t.hurry}),!s.length)return"no test instance was launched";let i=`terminating its test instance ${s.join(", ")}`;return t.hurry?{message:`${i} (the post step makes sure it shuts down)`,leftForPost:!0}:`${i}: shut down`},"terminate-instances")};export{wi as compensations,bi as plan};
